import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  /** URL of the new database (same server and credentials as the admin URL). */
  url: string;
  name: string;
  /** Drops the database, ending its open sessions first. */
  drop(): Promise<void>;
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Creates a fresh, uniquely named database on the server of `serverUrl` (any database of that server
 * will do as the entry point) and returns its URL and a drop function.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'scratch'): Promise<ScratchDatabase> {
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  let dropped: Promise<void> | undefined;
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () => (dropped ??= dropDatabase(serverUrl, name)),
  };
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch {
    // No "postgres" database (managed servers): connect where the caller pointed instead.
    const fallback = new Client({ connectionString: serverUrl });
    fallback.on('error', () => undefined);
    await fallback.connect();
    try {
      await fallback.query(`DROP DATABASE IF EXISTS ${fallback.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await fallback.end();
    }
    return;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
