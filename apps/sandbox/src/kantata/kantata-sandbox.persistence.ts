import type { AppPersistence } from '@app/persistence';
import { kantataSandboxMigrations } from '../migrations/kantata';
import { kantataSandboxEntities } from './kantata-sandbox.entities';

/** PostgreSQL of the Kantata sandbox: its own schema, entities and migrations. */
export const kantataSandboxPersistence = {
  schema: 'sandbox_kantata',
  entities: kantataSandboxEntities,
  migrations: kantataSandboxMigrations,
} satisfies AppPersistence;
