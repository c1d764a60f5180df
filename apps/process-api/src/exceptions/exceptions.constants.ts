/** Who acts on a business exception. */
export const OwningTeams = ['finance-operations', 'pmo', 'resource-management'] as const;
export type OwningTeam = (typeof OwningTeams)[number];

/** `open` (waiting for a person), `resolved` (fixed, or retried after a fix), `ignored` (dropped with a reason). */
export const ExceptionStatuses = ['open', 'resolved', 'ignored'] as const;
export type ExceptionStatus = (typeof ExceptionStatuses)[number];

/** What happened to an exception: raised (again), and the three operator actions. */
export const ExceptionActions = ['raised', 'retry-after-fix', 'resolve', 'ignore'] as const;
export type ExceptionAction = (typeof ExceptionActions)[number];
