/** Thrown at boot when the database configuration is missing or invalid; the message names the variable. */
export class PersistenceConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${message}`);
    this.name = 'PersistenceConfigError';
  }
}

export interface PersistenceConfig {
  /** DATABASE_URL. */
  url: string;
  /** DB_POOL_SIZE, else the app's own default, else 5. */
  poolSize: number;
}

export const DEFAULT_POOL_SIZE = 5;
const MAX_POOL_SIZE = 100;

/** Reads and validates DATABASE_URL and DB_POOL_SIZE. */
export function readPersistenceConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { poolSize?: number } = {},
): PersistenceConfig {
  return {
    url: validateDatabaseUrl(env.DATABASE_URL),
    poolSize: validatePoolSize(env.DB_POOL_SIZE, defaults.poolSize ?? DEFAULT_POOL_SIZE),
  };
}

export function validateDatabaseUrl(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) {
    throw new PersistenceConfigError(
      'DATABASE_URL',
      'DATABASE_URL is missing: set it to a PostgreSQL URL (postgres://user:password@host:port/database)',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new PersistenceConfigError(
      'DATABASE_URL',
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PersistenceConfigError(
      'DATABASE_URL',
      `DATABASE_URL must use the postgres:// scheme (got ${parsed.protocol}//)`,
    );
  }
  if (!parsed.hostname) throw new PersistenceConfigError('DATABASE_URL', 'DATABASE_URL must name a host');
  return value;
}

function validatePoolSize(raw: string | undefined, fallback: number): number {
  const value = raw?.trim();
  if (!value) return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_POOL_SIZE) {
    throw new PersistenceConfigError(
      'DB_POOL_SIZE',
      `DB_POOL_SIZE must be an integer from 1 to ${MAX_POOL_SIZE} (got "${value}")`,
    );
  }
  return size;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated in DDL: accept plain lower-case identifiers only. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  return schema;
}
