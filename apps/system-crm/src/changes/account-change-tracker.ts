import { CustomerChangedData, CustomerDto, EventTypes } from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccountChange, CRM_ADAPTER, CrmAdapter } from '../adapters/crm-adapter';
import { crmPollerConfig, CrmPollerSettings } from './crm-poller.config';
import { AccountSnapshotEntity } from './entities/account-snapshot.entity';
import { PollCursorEntity } from './entities/poll-cursor.entity';
import { EVENT_SOURCE, PollResult } from './opportunity-change-tracker';

/** Fields that say nothing about the customer itself (compared without them). */
const VOLATILE: ReadonlySet<string> = new Set(['updatedAt']);

/** Canonical fields whose values differ between two customers (deep, by JSON value). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !VOLATILE.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/**
 * Turns CRM account changes into `customer.changed` events, exactly once across polls, restarts and
 * replicas. Same cursor discipline as the opportunity feed (cursor `<system>:account` in
 * poll_cursors, `LastModifiedDate >= cursor - overlap`, one transaction per page with the cursor row
 * locked), with a snapshot per account (account_snapshots: modification time and canonical customer):
 *
 * - a record newer than its snapshot whose canonical customer differs -> one event, with
 *   `changedFields` (absent for an account the feed had not seen before);
 * - re-read in the overlap window, or an edit of a field the canonical customer does not carry -> no
 *   event (the snapshot moves on);
 * - an account that is not a billable customer (no legal entity) -> no event, logged.
 *
 * First start (no cursor): the cursor starts at now; history emits nothing.
 */
@Injectable()
export class AccountChangeTracker {
  private readonly log = new Logger('AccountChangeTracker');

  constructor(
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(crmPollerConfig.KEY) private readonly config: CrmPollerSettings,
  ) {}

  get feedName(): string {
    return `${this.crm.system}:account`;
  }

  async pollOnce(now: Date = new Date()): Promise<PollResult> {
    const cursor = await this.dataSource.getRepository(PollCursorEntity).findOneBy({ name: this.feedName });
    if (!cursor) {
      const start = new Date(now.getTime() - (now.getTime() % 1000));
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(PollCursorEntity)
        .values({ name: this.feedName, lastModifiedAt: start, updatedAt: now })
        .orIgnore()
        .execute();
      this.log.log(`${this.feedName}: feed starts at ${start.toISOString()}`);
      return { initialised: true, seen: 0, changed: 0, events: 0 };
    }
    const since = new Date(cursor.lastModifiedAt.getTime() - this.config.overlapMs);
    const result: PollResult = { initialised: false, seen: 0, changed: 0, events: 0 };
    for await (const page of this.crm.accountChangesSince(since)) {
      const applied = await this.applyPage(page);
      result.seen += page.length;
      result.changed += applied.changed;
      result.events += applied.events;
    }
    return result;
  }

  private async applyPage(page: AccountChange[]): Promise<{ changed: number; events: number }> {
    if (page.length === 0) return { changed: 0, events: 0 };
    return this.dataSource.transaction(async (manager) => {
      const cursor = await manager
        .getRepository(PollCursorEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.name = :name', { name: this.feedName })
        .getOneOrFail();
      const rows = await manager.getRepository(AccountSnapshotEntity).findBy({
        system: this.crm.system,
        vendorId: In([...new Set(page.map((c) => c.vendorId))]),
      });
      const snapshots = new Map(rows.map((r) => [r.vendorId, r]));
      const now = new Date();
      const events: EventEnvelope<CustomerChangedData>[] = [];
      const changed: AccountSnapshotEntity[] = [];
      let newest = cursor.lastModifiedAt;
      for (const change of page) {
        const modifiedAt = new Date(change.modifiedAt);
        if (modifiedAt > newest) newest = modifiedAt;
        const snapshot = snapshots.get(change.vendorId);
        if (snapshot && modifiedAt < snapshot.modifiedAt) continue; // older than what was processed
        const current = (change.customer as unknown as Record<string, unknown> | undefined) ?? null;
        const before = snapshot?.customer ?? null;
        const fields = before && current ? changedFields(before, current) : undefined;
        const unchanged = snapshot !== undefined && (fields ? fields.length === 0 : before === current);
        if (unchanged) {
          // Re-read in the overlap window, or an edit the canonical customer does not show.
          if (modifiedAt > snapshot.modifiedAt) {
            snapshot.modifiedAt = modifiedAt;
            snapshot.updatedAt = now;
            changed.push(snapshot);
          }
          continue;
        }
        if (change.customer) events.push(this.customerChanged(change.customer, change.modifiedAt, fields));
        else this.log.warn({ vendorId: change.vendorId, reason: change.notCustomer }, 'account change without event');
        const next = Object.assign(new AccountSnapshotEntity(), {
          system: this.crm.system,
          vendorId: change.vendorId,
          modifiedAt,
          customer: current,
          updatedAt: now,
        });
        snapshots.set(change.vendorId, next);
        changed.push(next);
      }
      if (changed.length > 0) await manager.getRepository(AccountSnapshotEntity).save(changed);
      await this.outbox.stage(manager, events);
      if (newest > cursor.lastModifiedAt || changed.length > 0) {
        await manager
          .getRepository(PollCursorEntity)
          .update({ name: this.feedName }, { lastModifiedAt: newest, updatedAt: now });
      }
      for (const e of events) this.log.log({ eventId: e.id, subject: e.subject }, 'customer.changed staged');
      return { changed: changed.length, events: events.length };
    });
  }

  private customerChanged(
    customer: CustomerDto,
    modifiedAt: string,
    fields: string[] | undefined,
  ): EventEnvelope<CustomerChangedData> {
    const data: CustomerChangedData = { customer };
    if (fields) data.changedFields = fields;
    return Correlation.run(Correlation.create(), () =>
      newEvent<CustomerChangedData>(EventTypes.CustomerChanged, `customer/${customer.id}`, data, {
        source: EVENT_SOURCE,
        occurredAt: modifiedAt,
      }),
    );
  }
}
