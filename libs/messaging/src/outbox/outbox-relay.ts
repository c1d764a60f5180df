import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { EventBus } from '../event-bus';
import type { EventEnvelope } from '../event-envelope';
import { MessagingMetrics } from '../messaging.metrics';
import { describeError, qualifiedTable } from '../sql';
import { OutboxEntity } from './outbox.entity';

/** Set on a QueryRunner's `data` by `OutboxService.stage` so the relay runs when that transaction commits. */
export const OUTBOX_STAGED = Symbol('outbox.staged');

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
}

/**
 * Publishes the app's outbox rows to the bus, in id order, right after the staging transaction commits
 * (an after-commit hook on the DataSource) and by polling every `pollMs` for recovery (crash between commit
 * and publish, bus outage). Rows are taken with FOR UPDATE SKIP LOCKED, so replicas never publish the same
 * row concurrently; the bus dedupes a republish after a crash by job key, and consumers by inbox.
 */
@Injectable()
export class OutboxRelay {
  private readonly log = new Logger('OutboxRelay');
  private options: OutboxRelayOptions = { pollMs: 500, batchSize: 100 };
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private again = false;
  private running: Promise<void> | undefined;
  private active = false;
  private lastFailure: string | undefined;
  private subscriber: EntitySubscriberInterface | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly metrics: MessagingMetrics = new MessagingMetrics(),
  ) {}

  configure(options: OutboxRelayOptions): this {
    this.options = options;
    return this;
  }

  /** Whether this app has an outbox table (its entities include OutboxEntity). */
  get enabled(): boolean {
    return this.dataSource.hasMetadata(OutboxEntity);
  }

  /** Hooks the after-commit trigger and starts polling. */
  start(): void {
    if (this.active || !this.enabled) return;
    this.active = true;
    const flushSoon = () => this.flushSoon();
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit(event: TransactionCommitEvent) {
        const data = event.queryRunner.data as Record<symbol, unknown>;
        if (event.queryRunner.isTransactionActive || !data?.[OUTBOX_STAGED]) return;
        delete data[OUTBOX_STAGED];
        flushSoon();
      },
      afterTransactionRollback(event: TransactionRollbackEvent) {
        const data = event.queryRunner.data as Record<symbol, unknown>;
        if (!event.queryRunner.isTransactionActive && data) delete data[OUTBOX_STAGED];
      },
    };
    this.subscriber = subscriber;
    this.dataSource.subscribers.push(subscriber);
    this.metrics.outboxPending(async () => (await this.backlog()).pending);
    this.timer = setInterval(() => this.flushSoon(), this.options.pollMs);
    this.timer.unref();
    this.flushSoon();
  }

  /** Stops polling and waits for a flush in progress. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    const i = this.subscriber ? this.dataSource.subscribers.indexOf(this.subscriber) : -1;
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
    await this.running;
  }

  /** Asks for a flush as soon as possible (coalesced; never throws). */
  flushSoon(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.active || this.running) return;
      this.running = this.flush()
        .then(() => {
          if (this.lastFailure) this.log.log('Outbox publishing recovered');
          this.lastFailure = undefined;
        })
        .catch((err: unknown) => {
          const { message } = describeError(err);
          if (message !== this.lastFailure) this.log.warn(`Outbox publish failed, will retry: ${message}`);
          this.lastFailure = message;
        })
        .finally(() => {
          this.running = undefined;
          if (this.again) {
            this.again = false;
            this.flushSoon();
          }
        });
    });
  }

  /** Unpublished rows and the age of the oldest (seconds), for health and metrics. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
    const table = qualifiedTable(this.dataSource, OutboxEntity);
    const [row]: { pending: number; age: number | null }[] = await this.dataSource.query(
      `select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as age from ${table} where published_at is null`,
    );
    return { pending: row.pending, oldestAgeSeconds: row.age === null ? null : Math.round(row.age) };
  }

  /** For /health/dependencies: down while publishing fails, with the backlog in the detail. */
  async health(): Promise<{ status: 'up' | 'down'; detail: string }> {
    const { pending, oldestAgeSeconds } = await this.backlog();
    const backlog = pending === 0 ? 'nothing pending' : `${pending} pending, oldest ${oldestAgeSeconds}s`;
    return this.lastFailure
      ? { status: 'down', detail: `publish failing: ${this.lastFailure}; ${backlog}` }
      : { status: 'up', detail: backlog };
  }

  /** Publishes every row unpublished (and not being published by another replica) now; returns the count. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < this.options.batchSize) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    const table = qualifiedTable(this.dataSource, OutboxEntity);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const rows: { id: string; event: EventEnvelope }[] = await qr.query(
        `select id, event from ${table} where published_at is null order by id limit $1 for update skip locked`,
        [this.options.batchSize],
      );
      if (rows.length === 0) {
        await qr.commitTransaction();
        return 0;
      }
      const ids = rows.map((r) => r.id);
      try {
        await this.bus.publish(rows.map((r) => r.event));
      } catch (err) {
        await qr.query(`update ${table} set attempts = attempts + 1, last_error = $2 where id = any($1::bigint[])`, [
          ids,
          describeError(err).message,
        ]);
        await qr.commitTransaction();
        throw err;
      }
      await qr.query(
        `update ${table} set published_at = now(), attempts = attempts + 1, last_error = null where id = any($1::bigint[])`,
        [ids],
      );
      await qr.commitTransaction();
      return rows.length;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }
}
