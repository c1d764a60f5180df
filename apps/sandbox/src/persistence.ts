import type { AppPersistence } from '@app/persistence';
import { salesforceSandboxMigrations } from './migrations/salesforce';
import { salesforceSandboxEntities } from './salesforce/salesforce-sandbox.entities';

/** PostgreSQL of the Salesforce sandbox: its own schema, entities and migrations. */
export const salesforceSandboxPersistence = {
  schema: 'sandbox_salesforce',
  entities: salesforceSandboxEntities,
  migrations: salesforceSandboxMigrations,
} satisfies AppPersistence;

export { workdaySandboxPersistence } from './workday/workday-sandbox.persistence';
export { kantataSandboxPersistence } from './kantata/kantata-sandbox.persistence';
export { stripeSandboxPersistence } from './stripe/stripe-sandbox.persistence';
