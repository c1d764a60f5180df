import { createScratchDatabase, ScratchDatabase } from '@app/persistence';

export type TestDatabase = ScratchDatabase;

/** The server every test uses: DATABASE_URL from jest's global setup (embedded) or from the environment. */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: run the tests through jest (its global setup starts an embedded PostgreSQL) or set DATABASE_URL.',
    );
  }
  return url;
}

/**
 * A fresh, uniquely named database on the test server; drop() ends its sessions and removes it.
 * One per test file (or per test) keeps files independent so they run in parallel.
 */
export function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  return createScratchDatabase(testServerUrl(), prefix);
}
