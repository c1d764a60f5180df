import type { AppPersistence } from '@app/persistence';
import { stripeSandboxMigrations } from '../migrations/stripe';
import { stripeSandboxEntities } from './stripe-sandbox.entities';

/** PostgreSQL of the Stripe sandbox: its own schema, entities and migrations. */
export const stripeSandboxPersistence = {
  schema: 'sandbox_stripe',
  entities: stripeSandboxEntities,
  migrations: stripeSandboxMigrations,
} satisfies AppPersistence;
