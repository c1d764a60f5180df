export { PersistenceModule } from './persistence.module';
export type { PersistenceModuleOptions } from './persistence.module';
export { MIGRATIONS_TABLE, dataSourceOptionsFor, openMigratedDataSource, withSchemaPrepared } from './data-source';
export type { AppPersistence, DataSourceOptionsInput } from './data-source';
export {
  DEFAULT_POOL_SIZE,
  PersistenceConfigError,
  readPersistenceConfig,
  validateDatabaseUrl,
} from './persistence.config';
export type { PersistenceConfig } from './persistence.config';
export {
  DEFAULT_DATABASE,
  DEFAULT_DATA_DIR,
  DEFAULT_EMBEDDED_PG_PORT,
  ensureDatabase,
  freePort,
  scratchBaseDir,
  startThrowawayPostgres,
} from './embedded/ensure-database';
export type { DatabaseHandle, EnsureDatabaseOptions, ThrowawayOptions } from './embedded/ensure-database';
export { DEFAULT_MAX_CONNECTIONS, createDatabaseIfMissing, startEmbeddedPostgres } from './embedded/embedded-postgres';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded/embedded-postgres';
export { createScratchDatabase, dropDatabase, withDatabase } from './database-admin';
export type { ScratchDatabase } from './database-admin';
export { migrationBaseName, pendingSchemaChanges, renderMigration, renderMigrationIndex } from './migration-generator';
export type { MigrationFile, PendingSchemaChanges, SchemaQuery } from './migration-generator';
