import type { AppPersistence } from '@app/persistence';
import { netsuiteSandboxMigrations } from '../migrations/netsuite';
import { netsuiteSandboxEntities } from './netsuite-sandbox.entities';

/** PostgreSQL of the NetSuite sandbox: its own schema, entities and migrations. */
export const netsuitePersistence = {
  schema: 'sandbox_netsuite',
  entities: netsuiteSandboxEntities,
  migrations: netsuiteSandboxMigrations,
} satisfies AppPersistence;
