import { EventTypes, WorkerChangedData, WorkerDto } from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { HRIS_ADAPTER, HrisAdapter, HrisWorker } from '../adapters/hris-adapter';
import { JobProfileRolesService, toCanonicalWorker } from '../roles/job-profile-roles.service';
import { PollCursorEntity } from './entities/poll-cursor.entity';
import { SnapshotWorker, WorkerSnapshotEntity } from './entities/worker-snapshot.entity';
import { hrisPollerConfig, HrisPollerSettings } from './hris-poller.config';
import { deriveLifecycle, isNewer, LifecycleChange } from './worker-lifecycle';

export const EVENT_SOURCE = 'system-hris';
export const WORKER_CHANGED_VERSION = 1;

export interface HrisPollResult {
  /** True when this poll initialised the feed (first start): no events for history. */
  initialised: boolean;
  /** Rows the HRIS returned. */
  seen: number;
  /** Workers whose snapshot changed. */
  changed: number;
  /** Events staged, by lifecycle kind. */
  events: number;
  kinds: Record<string, number>;
  /** Changed workers held back because their job profile has no role (the cursor waits for them). */
  unmapped: Array<{ workerId: string; jobProfile: string }>;
}

/**
 * Turns HRIS worker report changes into `worker.changed` events with their lifecycle kind, exactly
 * once across polls, restarts and replicas:
 *
 * - the cursor (poll_cursors) holds the newest vendor Last_Updated processed; each poll asks the
 *   report for `Updated_From = cursor - overlap`;
 * - a snapshot per worker (worker_snapshots: the canonical worker, no personal data) tells a new
 *   change from one already seen and which lifecycle events it means (worker-lifecycle.ts);
 * - events, snapshots and the cursor are written in ONE transaction (the cursor row locked), so a
 *   crash before commit re-reads the rows and after commit the snapshot says they are done;
 * - a worker whose job profile has no role is not guessed: it is left unprocessed (logged, counted),
 *   and the cursor stays at its change so the next polls retry it until the mapping exists;
 * - first start (no cursor): every current worker is recorded without events, and the cursor starts
 *   at the newest Last_Updated of the report (the vendor's clock).
 */
@Injectable()
export class WorkerChangeTracker {
  private readonly log = new Logger('WorkerChangeTracker');

  constructor(
    @Inject(HRIS_ADAPTER) private readonly hris: HrisAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly roles: JobProfileRolesService,
    @Inject(hrisPollerConfig.KEY) private readonly config: HrisPollerSettings,
  ) {}

  get feedName(): string {
    return `${this.hris.system}:worker`;
  }

  async pollOnce(): Promise<HrisPollResult> {
    const cursor = await this.dataSource.getRepository(PollCursorEntity).findOneBy({ name: this.feedName });
    if (!cursor) return this.initialise();
    const since = new Date(cursor.lastModifiedAt.getTime() - this.config.overlapMs);
    const rows = await this.hris.changesSince(since);
    return this.apply(rows);
  }

  private async initialise(): Promise<HrisPollResult> {
    const workers = await this.hris.listWorkers({});
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const newest = workers.reduce((max, w) => (w.modifiedAt > max ? w.modifiedAt : max), '');
      const start = newest ? new Date(newest) : now;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PollCursorEntity)
        .values({ name: this.feedName, lastModifiedAt: start, updatedAt: now })
        .orIgnore()
        .returning(['name'])
        .execute();
      const result: HrisPollResult = {
        initialised: true,
        seen: workers.length,
        changed: 0,
        events: 0,
        kinds: {},
        unmapped: [],
      };
      if ((inserted.raw as unknown[]).length === 0) return result; // another replica initialised it
      const table = await this.roles.table(manager);
      const snapshots = workers.map((w) => {
        const role = table.roleOf(w.jobProfile);
        const worker: SnapshotWorker = role ? toCanonicalWorker(w, role) : baselineWithoutRole(w);
        return this.snapshotOf(w, worker, now);
      });
      for (let i = 0; i < snapshots.length; i += 200) {
        await manager.getRepository(WorkerSnapshotEntity).save(snapshots.slice(i, i + 200));
      }
      this.log.log(
        `${this.feedName}: feed starts at ${start.toISOString()}; ${workers.length} workers recorded without events`,
      );
      return result;
    });
  }

  private async apply(rows: HrisWorker[]): Promise<HrisPollResult> {
    const result: HrisPollResult = {
      initialised: false,
      seen: rows.length,
      changed: 0,
      events: 0,
      kinds: {},
      unmapped: [],
    };
    if (rows.length === 0) return result;
    return this.dataSource.transaction(async (manager) => {
      const cursor = await manager
        .getRepository(PollCursorEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.name = :name', { name: this.feedName })
        .getOneOrFail();
      const table = await this.roles.table(manager);
      const snapshots = await this.loadSnapshots(manager, rows);
      const now = new Date();
      const events: EventEnvelope<WorkerChangedData>[] = [];
      const changed: WorkerSnapshotEntity[] = [];
      let newest = cursor.lastModifiedAt;
      let heldAt: Date | undefined;
      for (const row of rows) {
        const modifiedAt = new Date(row.modifiedAt);
        const role = table.roleOf(row.jobProfile);
        if (!role) {
          const snapshot = snapshots.get(row.id);
          if (snapshot && modifiedAt.getTime() <= snapshot.modifiedAt.getTime()) continue;
          result.unmapped.push({ workerId: row.id, jobProfile: row.jobProfile });
          if (!heldAt || modifiedAt < heldAt) heldAt = modifiedAt;
          continue;
        }
        if (modifiedAt > newest) newest = modifiedAt;
        const worker = toCanonicalWorker(row, role);
        const snapshot = snapshots.get(row.id);
        if (snapshot && !isNewer(modifiedAt, worker, snapshot)) continue;
        for (const change of deriveLifecycle(snapshot?.worker, worker)) {
          events.push(this.event(worker, change, row.modifiedAt));
          result.kinds[change.kind] = (result.kinds[change.kind] ?? 0) + 1;
        }
        const next = this.snapshotOf(row, worker, now);
        snapshots.set(row.id, next);
        changed.push(next);
      }
      if (changed.length > 0) await manager.getRepository(WorkerSnapshotEntity).save(changed);
      await this.outbox.stage(manager, events);
      // A held-back worker keeps the cursor at its change, so it is read again until it can be mapped.
      const nextCursor = heldAt && heldAt < newest ? heldAt : newest;
      if (nextCursor.getTime() !== cursor.lastModifiedAt.getTime() || changed.length > 0) {
        await manager
          .getRepository(PollCursorEntity)
          .update({ name: this.feedName }, { lastModifiedAt: nextCursor, updatedAt: now });
      }
      for (const e of events) {
        this.log.log(
          { eventId: e.id, subject: e.subject, lifecycle: e.data.lifecycle, correlationId: e.correlationId },
          'worker change: event staged',
        );
      }
      for (const u of result.unmapped) {
        this.log.warn(
          u,
          'worker held back: its job profile has no role mapping (PUT /system/hris/v1/job-profile-mappings/{jobProfile})',
        );
      }
      result.changed = changed.length;
      result.events = events.length;
      return result;
    });
  }

  private async loadSnapshots(manager: EntityManager, rows: HrisWorker[]): Promise<Map<string, WorkerSnapshotEntity>> {
    const found = await manager.getRepository(WorkerSnapshotEntity).findBy({
      system: this.hris.system,
      workerId: In([...new Set(rows.map((r) => r.id))]),
    });
    return new Map(found.map((s) => [s.workerId, s]));
  }

  private snapshotOf(row: HrisWorker, worker: SnapshotWorker, now: Date): WorkerSnapshotEntity {
    return Object.assign(new WorkerSnapshotEntity(), {
      system: this.hris.system,
      workerId: row.id,
      worker,
      modifiedAt: new Date(row.modifiedAt),
      updatedAt: now,
    });
  }

  private event(worker: WorkerDto, change: LifecycleChange, modifiedAt: string): EventEnvelope<WorkerChangedData> {
    const data: WorkerChangedData = { worker, lifecycle: change.kind };
    if (change.previousStatus) data.previousStatus = change.previousStatus;
    if (change.previous) data.previous = change.previous;
    if (change.changedFields.length > 0) data.changedFields = change.changedFields;
    // Each lifecycle change starts its own unit of work downstream: a fresh correlation id and trace.
    return Correlation.run(Correlation.create(), () =>
      newEvent<WorkerChangedData>(EventTypes.WorkerChanged, `worker/${worker.id}`, data, {
        source: EVENT_SOURCE,
        version: WORKER_CHANGED_VERSION,
        occurredAt: modifiedAt,
      }),
    );
  }
}

function baselineWithoutRole(worker: HrisWorker): SnapshotWorker {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { jobProfile, modifiedAt, ...rest } = worker;
  return rest;
}
