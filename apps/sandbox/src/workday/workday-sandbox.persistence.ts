import type { AppPersistence } from '@app/persistence';
import { workdaySandboxMigrations } from '../migrations/workday';
import { workdaySandboxEntities } from './workday-sandbox.entities';

/** PostgreSQL of the Workday sandbox: its own schema, entities and migrations. */
export const workdaySandboxPersistence = {
  schema: 'sandbox_workday',
  entities: workdaySandboxEntities,
  migrations: workdaySandboxMigrations,
} satisfies AppPersistence;
