/** Consumer group of the resource sync (worker.changed from the HRIS system API). */
export const RESOURCE_SYNC_GROUP = 'process.resource-sync';

/** Consumer group of the late-time check (time.approved from the PSA). */
export const RESOURCE_SYNC_TIME_GROUP = 'process.resource-sync.time';

/** Business exception kind of a worker who left (or is on leave) and is still staffed or booking time. */
export const WORKER_INACTIVE_BUT_ASSIGNED = 'worker-inactive-but-assigned';

/** Business exception kind of a worker change the sync refuses to apply (e.g. an unknown cost centre). */
export const WORKER_DATA_INVALID = 'worker-data-invalid';

/** Business exception kind of a reconciliation mismatch the sync cannot fix by itself. */
export const WORKER_SYSTEMS_MISMATCH = 'worker-systems-mismatch';

/** Why a reconciliation reports a worker. */
export const MismatchKinds = ['missing', 'status-differs', 'cost-centre-differs', 'legal-entity-differs'] as const;
export type MismatchKind = (typeof MismatchKinds)[number];

/** What the reconciliation did about a mismatch. */
export const MismatchOutcomes = ['fixed', 'exception-raised', 'fix-failed'] as const;
export type MismatchOutcome = (typeof MismatchOutcomes)[number];

export const ReconciliationSystems = ['hris', 'psa', 'erp'] as const;
export type ReconciliationSystem = (typeof ReconciliationSystems)[number];

export const ReconciliationTriggers = ['api', 'schedule'] as const;
export type ReconciliationTrigger = (typeof ReconciliationTriggers)[number];
