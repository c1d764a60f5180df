import {
  EventTypes,
  ExpenseApprovedData,
  ExpenseDto,
  MilestoneCompletedData,
  MilestoneDto,
  TimeApprovedData,
  TimeEntryDto,
} from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ChangeFeedKind, PSA_ADAPTER, PsaAdapter, PsaChange } from '../adapters/psa-adapter';
import { PsaChangeSnapshotEntity } from './entities/change-snapshot.entity';
import { PsaPollCursorEntity } from './entities/poll-cursor.entity';
import { psaPollerConfig, PsaPollerSettings } from './psa-poller.config';

/** The app name stamped as `source` on the events. */
export const EVENT_SOURCE = 'system-psa';

/** One change feed: which objects, the state that triggers an event, and the event. */
export interface FeedDefinition {
  kind: ChangeFeedKind;
  /** Entering this state emits the event. */
  trigger: string;
  eventType: string;
  event(change: PsaChange<unknown>): { subject: string; data: unknown };
}

export const PSA_FEEDS: readonly FeedDefinition[] = [
  {
    kind: 'time_entry',
    trigger: 'approved',
    eventType: EventTypes.TimeApproved,
    event: (c) => {
      const timeEntry = c.value as TimeEntryDto;
      const data: TimeApprovedData = { timeEntry, approvedAt: timeEntry.approvedAt ?? c.modifiedAt };
      return { subject: `time-entry/${timeEntry.id}`, data };
    },
  },
  {
    kind: 'expense',
    trigger: 'approved',
    eventType: EventTypes.ExpenseApproved,
    event: (c) => {
      const expense = c.value as ExpenseDto;
      const data: ExpenseApprovedData = { expense, approvedAt: expense.approvedAt ?? c.modifiedAt };
      return { subject: `expense/${expense.id}`, data };
    },
  },
  {
    kind: 'milestone',
    trigger: 'completed',
    eventType: EventTypes.MilestoneCompleted,
    event: (c) => {
      const milestone = c.value as MilestoneDto;
      const data: MilestoneCompletedData = { milestone, completedAt: milestone.completedAt ?? c.modifiedAt };
      return { subject: `milestone/${milestone.id}`, data };
    },
  },
];

export interface FeedPollResult {
  feed: string;
  initialised: boolean;
  seen: number;
  changed: number;
  events: number;
}

/**
 * Turns PSA changes into events (`time.approved`, `expense.approved`, `milestone.completed`), exactly
 * once across polls, restarts and replicas, the way system-crm does for opportunities:
 *
 * - a persisted cursor per feed (poll_cursors) holds the newest vendor `updated_at` processed; each poll
 *   asks `updated_after = cursor - overlap` (Kantata's timestamps have whole seconds), so nothing
 *   sharing the cursor's second or committed late is lost;
 * - a snapshot per object (change_snapshots: state + modification time) makes re-reading harmless;
 * - entering the trigger state stages the event in the outbox, in the same transaction as the
 *   snapshot and cursor (one transaction per page, cursor row locked against other replicas);
 * - first start (no cursor): the cursor starts at now and objects already in the trigger state are
 *   recorded without events (history emits nothing; editing an old approved entry is no new approval).
 */
@Injectable()
export class PsaChangeTracker {
  private readonly log = new Logger('PsaChangeTracker');

  constructor(
    @Inject(PSA_ADAPTER) private readonly psa: PsaAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(psaPollerConfig.KEY) private readonly config: PsaPollerSettings,
  ) {}

  feedName(feed: FeedDefinition): string {
    return `${this.psa.system}:${feed.kind}`;
  }

  /** One poll of every feed. */
  async pollOnce(now: Date = new Date()): Promise<FeedPollResult[]> {
    const results: FeedPollResult[] = [];
    for (const feed of PSA_FEEDS) results.push(await this.pollFeed(feed, now));
    return results;
  }

  async pollFeed(feed: FeedDefinition, now: Date = new Date()): Promise<FeedPollResult> {
    const name = this.feedName(feed);
    const cursor = await this.dataSource.getRepository(PsaPollCursorEntity).findOneBy({ name });
    if (!cursor) return this.initialise(feed, now);
    const since = new Date(cursor.lastModifiedAt.getTime() - this.config.overlapMs);
    const result: FeedPollResult = { feed: name, initialised: false, seen: 0, changed: 0, events: 0 };
    for await (const page of this.psa.changesSince(feed.kind, since)) {
      const applied = await this.applyPage(feed, page as Array<PsaChange<unknown>>);
      result.seen += page.length;
      result.changed += applied.changed;
      result.events += applied.events;
    }
    return result;
  }

  private async initialise(feed: FeedDefinition, now: Date): Promise<FeedPollResult> {
    const name = this.feedName(feed);
    const start = new Date(now.getTime() - (now.getTime() % 1000));
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PsaPollCursorEntity)
        .values({ name, lastModifiedAt: start, updatedAt: now })
        .orIgnore()
        .returning(['name'])
        .execute();
      const result: FeedPollResult = { feed: name, initialised: true, seen: 0, changed: 0, events: 0 };
      if ((inserted.raw as unknown[]).length === 0) return result; // another replica initialised it
      for await (const page of this.psa.currentInState(feed.kind, feed.trigger)) {
        result.seen += page.length;
        await manager
          .getRepository(PsaChangeSnapshotEntity)
          .save((page as Array<PsaChange<unknown>>).map((c) => this.snapshotOf(name, c, now)));
      }
      this.log.log(
        `${name}: feed starts at ${start.toISOString()}; ${result.seen} already ${feed.trigger}, recorded without events`,
      );
      return result;
    });
  }

  private async applyPage(
    feed: FeedDefinition,
    page: Array<PsaChange<unknown>>,
  ): Promise<{ changed: number; events: number }> {
    if (page.length === 0) return { changed: 0, events: 0 };
    const name = this.feedName(feed);
    return this.dataSource.transaction(async (manager) => {
      const cursor = await manager
        .getRepository(PsaPollCursorEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.name = :name', { name })
        .getOneOrFail();
      const snapshots = await this.loadSnapshots(manager, name, page);
      const now = new Date();
      const events: EventEnvelope[] = [];
      const changed: PsaChangeSnapshotEntity[] = [];
      let newest = cursor.lastModifiedAt;
      for (const change of page) {
        const modifiedAt = new Date(change.modifiedAt);
        if (modifiedAt > newest) newest = modifiedAt;
        const snapshot = snapshots.get(change.vendorId);
        if (snapshot && !isNewer(modifiedAt, change.state, snapshot)) continue;
        if (change.state === feed.trigger && snapshot?.state !== feed.trigger) events.push(this.eventOf(feed, change));
        const next = this.snapshotOf(name, change, now);
        snapshots.set(change.vendorId, next);
        changed.push(next);
      }
      if (changed.length > 0) await manager.getRepository(PsaChangeSnapshotEntity).save(changed);
      await this.outbox.stage(manager, events);
      if (newest > cursor.lastModifiedAt || changed.length > 0) {
        await manager.getRepository(PsaPollCursorEntity).update({ name }, { lastModifiedAt: newest, updatedAt: now });
      }
      for (const e of events)
        this.log.log({ eventId: e.id, subject: e.subject, type: e.type }, 'PSA change: event staged');
      return { changed: changed.length, events: events.length };
    });
  }

  private async loadSnapshots(
    manager: EntityManager,
    feed: string,
    page: Array<PsaChange<unknown>>,
  ): Promise<Map<string, PsaChangeSnapshotEntity>> {
    const rows = await manager.getRepository(PsaChangeSnapshotEntity).findBy({
      feed,
      vendorId: In([...new Set(page.map((c) => c.vendorId))]),
    });
    return new Map(rows.map((r) => [r.vendorId, r]));
  }

  private snapshotOf(feed: string, change: PsaChange<unknown>, now: Date): PsaChangeSnapshotEntity {
    return Object.assign(new PsaChangeSnapshotEntity(), {
      feed,
      vendorId: change.vendorId,
      canonicalId: (change.value as { id: string }).id,
      state: change.state,
      modifiedAt: new Date(change.modifiedAt),
      updatedAt: now,
    });
  }

  private eventOf(feed: FeedDefinition, change: PsaChange<unknown>): EventEnvelope {
    const { subject, data } = feed.event(change);
    // Each approval starts its own unit of work downstream: a fresh correlation id.
    return Correlation.run(Correlation.create(), () =>
      newEvent(feed.eventType, subject, data, { source: EVENT_SOURCE, occurredAt: change.modifiedAt }),
    );
  }
}

/** A record is a change not yet processed when newer than its snapshot, or as new but in another state. */
export function isNewer(
  modifiedAt: Date,
  state: string,
  snapshot: Pick<PsaChangeSnapshotEntity, 'modifiedAt' | 'state'>,
): boolean {
  const t = modifiedAt.getTime();
  const s = snapshot.modifiedAt.getTime();
  return t > s || (t === s && state !== snapshot.state);
}
