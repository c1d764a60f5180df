import type { AppPersistence } from '@app/persistence';
import { businessCentralSandboxMigrations } from '../migrations/business-central';
import { businessCentralSandboxEntities } from './business-central-sandbox.entities';

/** PostgreSQL of the Business Central sandbox: its own schema, entities and migrations. */
export const businessCentralPersistence = {
  schema: 'sandbox_business_central',
  entities: businessCentralSandboxEntities,
  migrations: businessCentralSandboxMigrations,
} satisfies AppPersistence;
