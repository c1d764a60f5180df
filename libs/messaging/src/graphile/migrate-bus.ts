import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import type { Pool } from 'pg';
import { makeBusPool } from './bus-pool';
import { graphileLogger } from './graphile-logger';

/** The one graphile-worker schema shared by every app of the product. */
export const WORKER_SCHEMA = 'graphile_worker';
/** The small schema owned by the messaging library (fan-out registry). */
export const MESSAGING_SCHEMA = 'messaging';

/** Session advisory lock serialising concurrent `migrateBus` calls across processes. */
const MIGRATION_LOCK = 7_170_001_001;

const MESSAGING_DDL = `
create schema if not exists ${MESSAGING_SCHEMA};
create table if not exists ${MESSAGING_SCHEMA}.subscriptions (
  event_type text not null,
  group_name text not null,
  registered_at timestamptz not null default now(),
  primary key (event_type, group_name)
);
comment on table ${MESSAGING_SCHEMA}.subscriptions is
  'Which consumer group receives which event type: publish adds one graphile job per matching group.';
`;

/**
 * Installs or upgrades the bus's database objects: graphile-worker's schema (its own migrations) and the
 * `messaging` schema. Safe to call concurrently from many processes (serialised by an advisory lock) and
 * cheap when already up to date. The launcher calls it once before starting the apps; every bus also calls
 * it on start.
 */
export async function migrateBus(databaseUrl: string): Promise<void> {
  const pool = makeBusPool(databaseUrl, 2, 'messaging:migrate');
  try {
    await migrateBusWithPool(pool);
  } finally {
    await pool.end();
  }
}

/** @internal `migrateBus` on an existing pool (needs at least 2 connections). */
export async function migrateBusWithPool(
  pool: Pool,
  logger: GraphileLogger = graphileLogger('messaging:migrate'),
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await runMigrations({ pgPool: pool, schema: WORKER_SCHEMA, logger });
      await client.query(MESSAGING_DDL);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
