import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_CONNECTIONS, EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { isAlive } from './process-info';

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const DEFAULT_DATA_DIR = './.data/pg';
/** Database the launcher's apps share (one schema per app inside it). */
export const DEFAULT_DATABASE = 'integration';

export interface EnsureDatabaseOptions {
  /** Default ./.data/pg (relative to the working directory). */
  dataDir?: string;
  /** Default env EMBEDDED_PG_PORT, else 54329. Never 5432. */
  port?: number;
  /** Default 400: every app's pool, the workers, the tools and a margin. */
  maxConnections?: number;
  /** Database created and returned in the URL. Default `integration`. */
  database?: string;
  log?: (message: string) => void;
}

export interface DatabaseHandle {
  /** The DATABASE_URL to hand to the apps. */
  url: string;
  /** true when we started an embedded server (false: DATABASE_URL from the environment). */
  embedded: boolean;
  /** Stops the embedded server (no-op for DATABASE_URL). */
  stop(): Promise<void>;
}

/**
 * Returns the database the product runs on: env DATABASE_URL when set (nothing is started), otherwise an
 * embedded PostgreSQL under `dataDir` that keeps its data from one start to the next. When another live
 * process already runs that directory's server (e.g. two apps started standalone), it is shared: this
 * handle's stop() then leaves it running for its owner.
 */
export async function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<DatabaseHandle> {
  const fromEnv = process.env.DATABASE_URL?.trim();
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => undefined };
  const port = options.port ?? portFromEnv() ?? DEFAULT_EMBEDDED_PG_PORT;
  const pg = await startEmbeddedPostgres({
    dataDir: resolve(options.dataDir ?? DEFAULT_DATA_DIR),
    port,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    database: options.database ?? DEFAULT_DATABASE,
    persistent: true,
    durable: true,
    // Another process (the launcher, another standalone app) already runs it: share that server.
    shareRunning: true,
    log: options.log,
  });
  return { url: pg.url, embedded: true, stop: pg.stop };
}

export interface ThrowawayOptions {
  maxConnections?: number;
  database?: string;
  log?: (message: string) => void;
}

/**
 * A disposable embedded PostgreSQL for tests and tools: temporary directory, random free port,
 * durability off (fast), everything deleted on stop.
 */
export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<EmbeddedPostgres> {
  for (let attempt = 1; ; attempt++) {
    const base = scratchBaseDir();
    cleanupAbandonedThrowaways(base);
    const dataDir = mkdtempSync(join(base, THROWAWAY_PREFIX));
    const port = await freePort();
    try {
      return await startEmbeddedPostgres({
        dataDir,
        port,
        maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
        database: options.database ?? 'postgres',
        persistent: false,
        durable: false,
        log: options.log,
      });
    } catch (err) {
      await rm(dataDir, { recursive: true, force: true });
      // Someone took the port between our probe and the bind: try another one.
      if (attempt < 3 && /Port \d+ is taken/.test((err as Error).message)) continue;
      throw err;
    }
  }
}

const THROWAWAY_PREFIX = 'embedded-pg-';

/**
 * Where throwaway clusters go: RAM-backed /dev/shm when it is writable and has room (initdb and
 * fsync-free writes are much faster there; a container's default 64 MB is too small), else the temp dir.
 */
export function scratchBaseDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= 512 * 1024 * 1024) return '/dev/shm';
  } catch {
    /* not Linux, or not writable */
  }
  return tmpdir();
}

/** Removes throwaway clusters left by killed processes (no live postmaster, untouched for 30 minutes). */
function cleanupAbandonedThrowaways(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => n.startsWith(THROWAWAY_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(base, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs < 30 * 60_000) continue;
      const pid = Number.parseInt(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
      if (isAlive(pid)) continue;
    } catch {
      /* no pid file: abandoned */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function portFromEnv(): number | undefined {
  const raw = process.env.EMBEDDED_PG_PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`Invalid configuration: EMBEDDED_PG_PORT must be a port number (got "${raw}")`);
  }
  return port;
}

/** A currently free TCP port on 127.0.0.1 (never 5432). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolvePort, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolvePort(found));
      });
    });
    if (port !== 5432 && port !== 0) return port;
  }
}
