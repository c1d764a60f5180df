import { Client } from 'pg';
import { DataSource, MixedList, EntitySchema } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { assertSchemaName, DEFAULT_POOL_SIZE } from './persistence.config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

/**
 * What an app owns in PostgreSQL. Each app exports one from `apps/<app>/src/persistence.ts`
 * (`export const systemCrmPersistence: AppPersistence = {...}`), passes it to
 * `PersistenceModule.forApp(...)`, and the migration tools read it. See libs/persistence/README.md.
 */
export interface AppPersistence {
  /** The app's own PostgreSQL schema (same as its AppDefinition.schema). */
  schema: string;
  /** Entity classes, including the library ones the app uses (e.g. outbox/inbox tables from @app/messaging). */
  entities: EntityList;
  /** Migration classes, in order (`apps/<app>/src/migrations/index.ts`, maintained by migrations:generate). */
  migrations: MigrationList;
}

export interface DataSourceOptionsInput extends AppPersistence {
  url: string;
  /** Reported as application_name in pg_stat_activity. Default: the schema. */
  applicationName?: string;
  /** pg pool size (`extra.max`). Default 5. */
  poolSize?: number;
}

/** Name of TypeORM's migrations table, created inside each app's schema so apps never collide. */
export const MIGRATIONS_TABLE = 'migrations';

/**
 * The TypeORM options every app and tool use: the app's schema as default schema (generated SQL is
 * schema-qualified), the migrations table inside that schema, never synchronize, explicit pool size.
 * Extensions are never installed implicitly (uuid columns use the built-in gen_random_uuid()):
 * a migration creates any extension it needs.
 */
export function dataSourceOptionsFor(input: DataSourceOptionsInput): PostgresConnectionOptions {
  const schema = assertSchemaName(input.schema);
  return {
    type: 'postgres',
    url: input.url,
    schema,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    dropSchema: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: (input.applicationName ?? schema).slice(0, 63),
    logging: ['error', 'warn'],
    extra: {
      max: input.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

/** Advisory-lock key serialising the migrations of one schema across replicas and processes. */
function migrationLockKey(schema: string): string {
  return `persistence:migrations:${schema}`;
}

/**
 * Creates the app schema if missing and, while holding a per-schema advisory lock on a separate
 * session, runs `work` (initialising the DataSource, whose `migrationsRun` applies the pending
 * migrations). Two replicas booting together therefore never apply the same migration twice.
 */
export async function withSchemaPrepared<T>(
  url: string,
  schema: string,
  work: () => Promise<T>,
  applicationName = `${schema}:migrations`,
): Promise<T> {
  assertSchemaName(schema);
  const client = new Client({ connectionString: url, application_name: applicationName.slice(0, 63) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [migrationLockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [migrationLockKey(schema)]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Creates the schema, initialises a DataSource and runs its pending migrations (tools and tests). */
export async function openMigratedDataSource(input: DataSourceOptionsInput): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptionsFor(input));
  await withSchemaPrepared(input.url, input.schema, async () => {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  return dataSource;
}
