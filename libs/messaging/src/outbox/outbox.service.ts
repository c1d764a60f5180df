import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EventEnvelope, assertEventEnvelope } from '../event-envelope';
import { OUTBOX_STAGED, OutboxRelay } from './outbox-relay';
import { OutboxEntity } from './outbox.entity';

/** Writes events into the app's outbox inside the caller's transaction (state change + event, atomically). */
@Injectable()
export class OutboxService {
  constructor(private readonly relay: OutboxRelay) {}

  /**
   * Inserts the events through `manager` (use the manager of your transaction). When that transaction
   * commits the relay publishes them right away; if it rolls back, they never existed.
   */
  async stage(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    events.forEach((e) => assertEventEnvelope(e));
    await manager
      .getRepository(OutboxEntity)
      .insert(events.map((event) => ({ event }) as QueryDeepPartialEntity<OutboxEntity>));
    const qr = manager.queryRunner;
    if (qr?.isTransactionActive) (qr.data as Record<symbol, unknown>)[OUTBOX_STAGED] = true;
    else this.relay.flushSoon();
  }
}
