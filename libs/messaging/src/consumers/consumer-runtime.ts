import { Injectable, Logger } from '@nestjs/common';
import { Correlation } from '@app/platform';
import { DataSource } from 'typeorm';
import { DeadLetterService } from '../dead-letters/dead-letter.service';
import { BusHandler, Delivery } from '../event-bus';
import type { EventEnvelope } from '../event-envelope';
import { InboxEntity } from '../inbox/inbox.entity';
import { MessagingMetrics } from '../messaging.metrics';
import { describeError, qualifiedTable } from '../sql';
import type { EventHandlerFn } from './event-consumer';
import { NonRetryableError } from './non-retryable.error';

/**
 * Turns an app's handler into a bus handler with the house guarantees:
 * - it runs in the event's correlation context (its logs carry the correlation id);
 * - it runs in ONE transaction with the inbox insert; an event already in the inbox is acknowledged
 *   without calling the handler (redelivery has no second effect);
 * - a failure rolls back and asks the bus for a retry, except on the last attempt (or for a
 *   NonRetryableError) where the event is written to the app's dead letters and acknowledged.
 */
@Injectable()
export class ConsumerRuntime {
  private readonly log = new Logger('Consumer');

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterService,
    private readonly metrics: MessagingMetrics,
  ) {}

  wrap(group: string, handler: EventHandlerFn): BusHandler {
    return (event, delivery) =>
      Correlation.run(correlationOf(event), () => this.handle(group, handler, event, delivery));
  }

  private async handle(
    group: string,
    handler: EventHandlerFn,
    event: EventEnvelope,
    delivery: Delivery,
  ): Promise<void> {
    const inbox = qualifiedTable(this.dataSource, InboxEntity);
    const started = performance.now();
    try {
      const handled = await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `insert into ${inbox} (consumer, event_id, event_type, attempt) values ($1, $2, $3, $4)
           on conflict (consumer, event_id) do nothing returning event_id`,
          [group, event.id, event.type, delivery.attempt],
        );
        if (inserted.length === 0) return false;
        await handler(event, { manager, attempt: delivery.attempt });
        return true;
      });
      if (!handled) this.log.debug(`${group}: event ${event.type} ${event.id} already handled; acknowledged`);
      this.metrics.delivery(group, event.type, handled ? 'handled' : 'duplicate', (performance.now() - started) / 1000);
    } catch (err) {
      if (delivery.attempt < delivery.maxAttempts && !(err instanceof NonRetryableError)) {
        this.log.warn(
          `${group}: event ${event.type} ${event.id} failed (attempt ${delivery.attempt}/${delivery.maxAttempts}), will retry: ${describeError(err).message}`,
        );
        this.metrics.delivery(group, event.type, 'retry', (performance.now() - started) / 1000);
        throw err;
      }
      await this.deadLetters.record(group, event, err, delivery.attempt);
      this.metrics.delivery(group, event.type, 'dead_lettered', (performance.now() - started) / 1000);
    }
  }
}

function correlationOf(event: EventEnvelope): { correlationId: string; traceparent?: string } {
  const ctx = Correlation.fromHeaders({ 'x-correlation-id': event.correlationId, traceparent: event.traceparent });
  return { ...ctx, correlationId: event.correlationId };
}
