import {
  CrmEventTypes,
  OPPORTUNITY_CLOSED_WON_VERSION,
  OpportunityClosedWonData,
  OpportunityStage,
} from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CRM_ADAPTER, CrmAdapter, OpportunityChange } from '../adapters/crm-adapter';
import { crmPollerConfig, CrmPollerSettings } from './crm-poller.config';
import { OpportunitySnapshotEntity } from './entities/opportunity-snapshot.entity';
import { PollCursorEntity } from './entities/poll-cursor.entity';

/** The app name stamped as `source` on the events. */
export const EVENT_SOURCE = 'system-crm';

export interface PollResult {
  /** True when this poll initialised the feed (first start): no events for history. */
  initialised: boolean;
  /** Records the CRM returned. */
  seen: number;
  /** Records that were new changes (snapshot updated). */
  changed: number;
  /** Events staged. */
  events: number;
}

/**
 * Turns the CRM's opportunity changes into events, exactly once across polls, restarts and replicas.
 *
 * - A persisted cursor (poll_cursors) holds the newest vendor modification time processed. Each poll
 *   asks for `LastModifiedDate >= cursor - overlap`, so changes sharing the cursor's timestamp (the
 *   vendor's clock has whole seconds) and changes committed late are read again rather than lost.
 * - A snapshot per opportunity (opportunity_snapshots: stage + modification time) makes re-reading
 *   harmless: a record is a new change only when it is newer than its snapshot, or as new but in
 *   another stage (two changes within one second).
 * - Moving into closed-won stages an `opportunity.closed_won` event (the opportunity with its line
 *   items, read from the CRM while the page's transaction is open) in the outbox, in the same
 *   transaction as the snapshot and cursor update (one transaction per page, the cursor row locked
 *   so two replicas never process a page twice). A crash before commit means the page is read again.
 * - First start (no cursor): the cursor starts at now, and the opportunities already closed-won are
 *   recorded in the snapshot without events. History emits nothing; a later edit of an old won deal
 *   is not mistaken for a new win.
 */
@Injectable()
export class OpportunityChangeTracker {
  private readonly log = new Logger('OpportunityChangeTracker');

  constructor(
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(crmPollerConfig.KEY) private readonly config: CrmPollerSettings,
  ) {}

  get feedName(): string {
    return `${this.crm.system}:opportunity`;
  }

  /** One poll: reads every page of changes since the cursor and processes each in its own transaction. */
  async pollOnce(now: Date = new Date()): Promise<PollResult> {
    const cursor = await this.dataSource.getRepository(PollCursorEntity).findOneBy({ name: this.feedName });
    if (!cursor) return this.initialise(now);
    const since = new Date(cursor.lastModifiedAt.getTime() - this.config.overlapMs);
    const result: PollResult = { initialised: false, seen: 0, changed: 0, events: 0 };
    for await (const page of this.crm.changesSince(since)) {
      const applied = await this.applyPage(page);
      result.seen += page.length;
      result.changed += applied.changed;
      result.events += applied.events;
    }
    return result;
  }

  private async initialise(now: Date): Promise<PollResult> {
    const start = new Date(now.getTime() - (now.getTime() % 1000));
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PollCursorEntity)
        .values({ name: this.feedName, lastModifiedAt: start, updatedAt: now })
        .orIgnore()
        .returning(['name'])
        .execute();
      const result: PollResult = { initialised: true, seen: 0, changed: 0, events: 0 };
      if ((inserted.raw as unknown[]).length === 0) return result; // another replica initialised it
      for await (const page of this.crm.currentInStage('closed-won', start)) {
        result.seen += page.length;
        await manager.getRepository(OpportunitySnapshotEntity).save(page.map((c) => this.snapshotOf(c, now)));
      }
      this.log.log(
        `${this.feedName}: feed starts at ${start.toISOString()}; ${result.seen} opportunities already closed-won recorded without events`,
      );
      return result;
    });
  }

  private async applyPage(page: OpportunityChange[]): Promise<{ changed: number; events: number }> {
    if (page.length === 0) return { changed: 0, events: 0 };
    return this.dataSource.transaction(async (manager) => {
      const cursor = await manager
        .getRepository(PollCursorEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.name = :name', { name: this.feedName })
        .getOneOrFail();
      const snapshots = await this.loadSnapshots(manager, page);
      const now = new Date();
      const events: EventEnvelope[] = [];
      const changed: OpportunitySnapshotEntity[] = [];
      let newest = cursor.lastModifiedAt;
      for (const change of page) {
        const modifiedAt = new Date(change.modifiedAt);
        if (modifiedAt > newest) newest = modifiedAt;
        const stage = change.opportunity.stage;
        const snapshot = snapshots.get(change.vendorId);
        if (snapshot && !isNewer(modifiedAt, stage, snapshot)) continue;
        const previous = (snapshot?.stage as OpportunityStage | undefined) ?? null;
        if (stage === 'closed-won' && previous !== 'closed-won') {
          // The won deal travels with its line items (roles, hours, milestones): what provisioning staffs and bills.
          const lineItems = await this.crm.lineItemsOf(change.vendorId, { skipUnmappable: true });
          events.push(this.closedWonEvent({ ...change, opportunity: { ...change.opportunity, lineItems } }, previous));
        }
        const next = this.snapshotOf(change, now);
        snapshots.set(change.vendorId, next);
        changed.push(next);
      }
      if (changed.length > 0) await manager.getRepository(OpportunitySnapshotEntity).save(changed);
      await this.outbox.stage(manager, events);
      if (newest > cursor.lastModifiedAt || changed.length > 0) {
        await manager
          .getRepository(PollCursorEntity)
          .update({ name: this.feedName }, { lastModifiedAt: newest, updatedAt: now });
      }
      for (const e of events)
        this.log.log(
          { eventId: e.id, subject: e.subject, correlationId: e.correlationId },
          'opportunity closed-won: event staged',
        );
      return { changed: changed.length, events: events.length };
    });
  }

  private async loadSnapshots(
    manager: EntityManager,
    page: OpportunityChange[],
  ): Promise<Map<string, OpportunitySnapshotEntity>> {
    const rows = await manager.getRepository(OpportunitySnapshotEntity).findBy({
      system: this.crm.system,
      vendorId: In([...new Set(page.map((c) => c.vendorId))]),
    });
    return new Map(rows.map((r) => [r.vendorId, r]));
  }

  private snapshotOf(change: OpportunityChange, now: Date): OpportunitySnapshotEntity {
    return Object.assign(new OpportunitySnapshotEntity(), {
      system: this.crm.system,
      vendorId: change.vendorId,
      canonicalId: change.opportunity.id,
      stage: change.opportunity.stage,
      modifiedAt: new Date(change.modifiedAt),
      updatedAt: now,
    });
  }

  private closedWonEvent(
    change: OpportunityChange,
    previousStage: OpportunityStage | null,
  ): EventEnvelope<OpportunityClosedWonData> {
    // Each win starts its own unit of work downstream: a fresh correlation id and trace.
    return Correlation.run(Correlation.create(), () =>
      newEvent<OpportunityClosedWonData>(
        CrmEventTypes.OpportunityClosedWon,
        change.opportunity.id,
        { opportunity: change.opportunity, previousStage, changedAt: change.modifiedAt },
        { source: EVENT_SOURCE, version: OPPORTUNITY_CLOSED_WON_VERSION, occurredAt: change.modifiedAt },
      ),
    );
  }
}

/** A record is a change not yet processed when newer than its snapshot, or as new but in another stage. */
export function isNewer(
  modifiedAt: Date,
  stage: string,
  snapshot: Pick<OpportunitySnapshotEntity, 'modifiedAt' | 'stage'>,
): boolean {
  const t = modifiedAt.getTime();
  const s = snapshot.modifiedAt.getTime();
  return t > s || (t === s && stage !== snapshot.stage);
}
