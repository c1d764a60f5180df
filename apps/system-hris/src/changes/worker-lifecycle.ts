import type { WorkerDto, WorkerLifecycleKind, WorkerPlacementDto, WorkerStatus } from '@app/contracts';
import type { SnapshotWorker, WorkerSnapshotEntity } from './entities/worker-snapshot.entity';

/** One lifecycle change derived from two successive states of a worker. */
export interface LifecycleChange {
  kind: WorkerLifecycleKind;
  previousStatus?: WorkerStatus;
  previous?: WorkerPlacementDto;
  changedFields: string[];
}

/** Canonical fields compared between snapshots (cost rate by amount: its effective date follows updates). */
const COMPARED: ReadonlyArray<keyof WorkerDto> = [
  'employeeNumber',
  'givenName',
  'familyName',
  'email',
  'status',
  'legalEntityId',
  'costCentre',
  'location',
  'managerId',
  'role',
  'costRate',
  'hireDate',
  'terminationDate',
];

const PLACEMENT = ['legalEntityId', 'costCentre', 'location', 'managerId'] as const;

function comparable(worker: SnapshotWorker | WorkerDto, field: keyof WorkerDto): string {
  // Key by key: a jsonb snapshot does not keep the key order of the object it stored.
  if (field === 'costRate') {
    const cost = worker.costRate?.hourlyCost;
    return cost ? `${cost.amountMinor} ${cost.currency}` : 'null';
  }
  return JSON.stringify((worker as Partial<WorkerDto>)[field] ?? null);
}

/** Canonical fields whose value differs. */
export function changedFields(before: SnapshotWorker, after: WorkerDto): string[] {
  return COMPARED.filter((f) => comparable(before, f) !== comparable(after, f));
}

/**
 * The lifecycle events between the last processed state (`before`, undefined for a worker never
 * seen) and the current one, in order:
 * - never seen, or terminated before and not now: `hire` (a rehire); never seen and already
 *   terminated: `hire` then `termination`;
 * - status moves: into terminated `termination`, active -> on-leave `leave`, on-leave -> active `return`;
 * - legal entity, cost centre, location or manager moved (not on hire or termination): `transfer`,
 *   with the previous values;
 * - anything else that changed in the canonical worker (role, cost rate, name...): `update`.
 */
export function deriveLifecycle(before: SnapshotWorker | undefined, after: WorkerDto): LifecycleChange[] {
  if (!before) {
    const hire: LifecycleChange = { kind: 'hire', changedFields: [] };
    return after.status === 'terminated'
      ? [hire, { kind: 'termination', previousStatus: 'active', changedFields: ['status'] }]
      : [hire];
  }
  const fields = changedFields(before, after);
  if (fields.length === 0) return [];
  const from = before.status;
  const to = after.status;
  if (from === 'terminated' && to !== 'terminated') {
    return [{ kind: 'hire', previousStatus: from, changedFields: fields }];
  }
  const changes: LifecycleChange[] = [];
  if (to === 'terminated' && from !== 'terminated') {
    return [{ kind: 'termination', previousStatus: from, changedFields: fields }];
  }
  if (from === 'active' && to === 'on-leave')
    changes.push({ kind: 'leave', previousStatus: from, changedFields: fields });
  if (from === 'on-leave' && to === 'active')
    changes.push({ kind: 'return', previousStatus: from, changedFields: fields });
  const moved = PLACEMENT.filter((f) => fields.includes(f));
  if (moved.length > 0) {
    const previous: WorkerPlacementDto = {};
    for (const f of moved) {
      if (f === 'managerId') previous.managerId = before.managerId ?? null;
      else previous[f] = before[f];
    }
    changes.push({ kind: 'transfer', previous, changedFields: fields });
  }
  if (changes.length === 0) changes.push({ kind: 'update', changedFields: fields });
  return changes;
}

/** A row is a change not yet processed when newer than its snapshot, or as new but different. */
export function isNewer(
  modifiedAt: Date,
  after: WorkerDto,
  snapshot: Pick<WorkerSnapshotEntity, 'modifiedAt' | 'worker'>,
): boolean {
  const t = modifiedAt.getTime();
  const s = snapshot.modifiedAt.getTime();
  return t > s || (t === s && changedFields(snapshot.worker, after).length > 0);
}
