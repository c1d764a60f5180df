/** Consumer group of the project-setup workflow (inbox and dead-letter `consumer` value). */
export const PROJECT_SETUP_GROUP = 'process.project-setup';

/** Where a provisioning stands. v1 only records won deals; the workflow adds its states later. */
export const ProvisioningStatuses = ['received'] as const;
export type ProvisioningStatus = (typeof ProvisioningStatuses)[number];
