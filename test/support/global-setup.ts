// Jest loads the global setup with Node's resolver (no moduleNameMapper), hence the path to the
// library's index rather than the @app/persistence alias.
import { startThrowawayPostgres } from '../../libs/persistence/src/index';

/**
 * Jest global setup: one throwaway embedded PostgreSQL for the whole run, unless DATABASE_URL is set.
 * process.env set here is inherited by the workers, so every test file sees DATABASE_URL and creates
 * its own database on that server (createTestDatabase / startTestStack).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL?.trim()) return;
  const started = Date.now();
  const pg = await startThrowawayPostgres({ maxConnections: 600 });
  (globalThis as { __EMBEDDED_PG__?: { stop(): Promise<void> } }).__EMBEDDED_PG__ = pg;
  process.env.DATABASE_URL = pg.url;
  process.env.TEST_EMBEDDED_PG = '1';
  if (process.env.DEBUG_TEST_DB) {
    process.stderr.write(`embedded PostgreSQL for tests on port ${pg.port} in ${Date.now() - started} ms\n`);
  }
}
