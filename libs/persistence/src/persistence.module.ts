import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppPersistence, dataSourceOptionsFor, withSchemaPrepared } from './data-source';
import { assertSchemaName, readPersistenceConfig } from './persistence.config';

export interface PersistenceModuleOptions extends AppPersistence {
  /** The app's default pool size; env DB_POOL_SIZE overrides it; 5 when neither is set. */
  poolSize?: number;
  /** application_name in pg_stat_activity. Default: the schema with dashes (system_crm -> system-crm). */
  name?: string;
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P03',
  '53300',
]);

/** Retry only while the server is unreachable or starting; a failing migration fails the boot at once. */
function isConnectionError(error: unknown): boolean {
  const err = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.code ?? err.driverError?.code;
  if (code && RETRYABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(err.message ?? '');
}

/**
 * TypeORM for one app: DATABASE_URL (validated at boot: a missing or malformed value stops the app
 * with a sentence naming DATABASE_URL), the app's schema as default schema (created when missing),
 * pending migrations applied at boot under a per-schema advisory lock (`migrationsRun: true`),
 * `synchronize: false` always, pool size `extra.max` from DB_POOL_SIZE (default 5).
 *
 * Import it once in the app's root module; use `TypeOrmModule.forFeature([...])` in feature modules
 * and inject `DataSource` / repositories as usual.
 */
@Module({})
export class PersistenceModule {
  static forApp(options: PersistenceModuleOptions): DynamicModule {
    const schema = assertSchemaName(options.schema);
    const applicationName = options.name ?? schema.replace(/_/g, '-');
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: (): TypeOrmModuleOptions => {
            const config = readPersistenceConfig(process.env, { poolSize: options.poolSize });
            return {
              ...dataSourceOptionsFor({
                schema,
                entities: options.entities,
                migrations: options.migrations,
                url: config.url,
                poolSize: config.poolSize,
                applicationName,
              }),
              migrationsRun: true,
              synchronize: false,
              retryAttempts: 5,
              retryDelay: 1000,
              toRetry: isConnectionError,
            };
          },
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions): Promise<DataSource> => {
            if (!dataSourceOptions) throw new Error('PersistenceModule: no data source options');
            const url = (dataSourceOptions as { url: string }).url;
            const dataSource = new DataSource({ ...dataSourceOptions, synchronize: false });
            await withSchemaPrepared(url, schema, () => dataSource.initialize(), `${applicationName}:migrations`);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
