/** Consumer group of the project-setup workflow (inbox and dead-letter `consumer` value). */
export const PROJECT_SETUP_GROUP = 'process.project-setup';

/**
 * Where a provisioning stands: `received` (won deal recorded, not started), `in-progress` (steps
 * running), `provisioned` (set up in every system), `exception` (waiting for a person: invalid or
 * ambiguous data), `compensating` (undoing earlier steps after a step failed for good), `failed`
 * (stopped, earlier creations compensated). The full set is published from the start, because a
 * published version may not add values to a response enum later.
 */
export const ProvisioningStatuses = [
  'received',
  'in-progress',
  'provisioned',
  'exception',
  'compensating',
  'failed',
] as const;
export type ProvisioningStatus = (typeof ProvisioningStatuses)[number];
