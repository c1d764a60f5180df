/**
 * `npm start`: the whole product on one machine with one command.
 *
 * - PostgreSQL: DATABASE_URL when set, else an embedded server under ./.data/pg (port 54329) that keeps
 *   its data between runs;
 * - every app on its default port (each overridable by its env variable, e.g. GATEWAY_PORT), in this
 *   process, or one process per app with `--processes` (or LAUNCHER_MODE=processes);
 * - the demo API key: DEMO_API_KEY, else the one saved in ./.data/demo-api-key, else a new random one
 *   (saved, so the next start prints the same key). The gateway seeds it; the sandboxes seed their demo data.
 * - process-api's gateway service key: GATEWAY_SERVICE_KEYS, else ./.data/process-api-service-key, else a
 *   new random one (saved); the gateway registers it, process-api calls the system APIs with it.
 * - `--apps a,b` (or LAUNCHER_APPS=a,b) starts only those apps;
 * - `--scale` (or `--scale=month-end`) reloads every sandbox with month-end benchmark volume once they
 *   run (2,000 workers, 500 projects, 200,000 time entries: `POST /__sandbox/reset {"scale"}`);
 *   SANDBOX_SCALE=month-end seeds that volume into empty sandbox schemas at boot instead;
 * - SIGINT/SIGTERM: every app stops (gateway first), then PostgreSQL, exit code 0. A second signal forces.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseHandle, ensureDatabase } from '@app/persistence';
import { sandboxApps } from '../../apps/sandbox/src/app.definition';
import { Stack, StackMode, startStack } from './stack';

const GATEWAY = 'gateway';

function parseMode(argv: string[]): StackMode {
  if (argv.includes('--processes')) return 'processes';
  if (argv.includes('--in-process')) return 'in-process';
  const fromEnv = process.env.LAUNCHER_MODE?.trim();
  if (!fromEnv || fromEnv === 'in-process') return 'in-process';
  if (fromEnv === 'processes') return 'processes';
  throw new Error(`Invalid configuration: LAUNCHER_MODE must be "in-process" or "processes" (got "${fromEnv}")`);
}

/** DEMO_API_KEY, else the saved one, else a new one saved for the next start. */
export function demoApiKey(dataRoot: string): string {
  const fromEnv = process.env.DEMO_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dataRoot, 'demo-api-key');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved) return saved;
  }
  const key = `demo_${randomBytes(24).toString('base64url')}`;
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** The gateway service key of process-api: GATEWAY_SERVICE_KEYS as given, else the saved one, else a new one saved. */
export function serviceKeys(dataRoot: string): string {
  const fromEnv = process.env.GATEWAY_SERVICE_KEYS?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dataRoot, 'process-api-service-key');
  let key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (!key) {
    key = `svc_${randomBytes(24).toString('base64url')}`;
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return `process-api=${key}`;
}

/** `--apps a,b` or LAUNCHER_APPS=a,b: start only these apps (default: all). */
function parseApps(argv: string[]): string[] | undefined {
  const index = argv.findIndex((a) => a === '--apps' || a.startsWith('--apps='));
  const raw =
    index < 0 ? process.env.LAUNCHER_APPS : argv[index].startsWith('--apps=') ? argv[index].slice(7) : argv[index + 1];
  const apps = raw
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return apps?.length ? apps : undefined;
}

async function docsUrls(stack: Stack): Promise<string[]> {
  const candidates = stack.urls[GATEWAY] ? [stack.urls[GATEWAY]] : Object.values(stack.urls);
  const found: string[] = [];
  for (const base of candidates) {
    try {
      const res = await fetch(`${base}/docs`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (res.status < 400) found.push(`${base}/docs`);
    } catch {
      /* no docs there */
    }
  }
  return found;
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const mode = parseMode(argv);
  const dataRoot = resolve(process.env.LAUNCHER_DATA_DIR?.trim() || './.data');
  const started = Date.now();

  let db: DatabaseHandle | undefined;
  let stack: Stack | undefined;
  let stopping = false;

  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) {
      print(`${reason} again: forcing exit`);
      process.exit(130);
    }
    stopping = true;
    print(`${reason}: stopping the apps, then PostgreSQL...`);
    let code = 0;
    try {
      await stack?.stop();
    } catch (err) {
      code = 1;
      process.stderr.write(`error while stopping the apps: ${(err as Error).message}\n`);
    }
    try {
      await db?.stop();
    } catch (err) {
      code = 1;
      process.stderr.write(`error while stopping PostgreSQL: ${(err as Error).message}\n`);
    }
    print('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  // Started by scripts/start.js: stop as well when that parent dies without forwarding a signal.
  if (process.env.LAUNCHER_PARENT_PID) {
    const parent = Number(process.env.LAUNCHER_PARENT_PID);
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent process gone');
    }, 1000).unref();
  }

  try {
    db = await ensureDatabase({
      dataDir: join(dataRoot, 'pg'),
      log: (line) => print(`[postgres] ${line}`),
    });
    if (stopping) return;
    if (!db.embedded) print('[postgres] using DATABASE_URL');
    const key = demoApiKey(dataRoot);
    stack = await startStack({
      databaseUrl: db.url,
      mode,
      apps: parseApps(argv),
      env: { DEMO_API_KEY: key, GATEWAY_SERVICE_KEYS: serviceKeys(dataRoot) },
      appEnv: sandboxLogLevels(),
    });
    if (stopping) return;
    const scale = parseScale(argv);
    if (scale) await reseedSandboxes(stack, scale);
    if (stopping) return;

    const docs = await docsUrls(stack);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    print();
    print(`Integration gateway running (${mode}, ${stack.apps.length} apps, ${seconds} s)`);
    for (const app of stack.apps) print(`  ${app.name.padEnd(28)} ${app.url}`);
    print();
    print(`  gateway:       ${stack.urls[GATEWAY] ?? '(no gateway app yet)'}`);
    print(`  API docs:      ${docs.length ? docs.join('  ') : '(none yet)'}`);
    print(`  demo API key:  ${key}`);
    print(`  database:      ${db.embedded ? `embedded PostgreSQL, data in ${join(dataRoot, 'pg')}` : 'DATABASE_URL'}`);
    print();
    print('Press Ctrl-C to stop.');
  } catch (err) {
    process.stderr.write(`\nStart failed: ${(err as Error)?.stack ?? String(err)}\n`);
    stopping = true;
    await stack?.stop().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    process.exit(1);
  }
}

if (require.main === module) void main();

/** `--scale` (month-end) or `--scale=<demo|month-end>`: the sandboxes' demo-firm scale to reload. */
function parseScale(argv: string[]): string | undefined {
  const arg = argv.find((a) => a === '--scale' || a.startsWith('--scale='));
  if (!arg) return undefined;
  return arg === '--scale' ? 'month-end' : arg.slice('--scale='.length);
}

/** Reloads every running sandbox with the demo firm at `scale` (their reset endpoint), printing the time. */
async function reseedSandboxes(stack: Stack, scale: string): Promise<void> {
  const names = new Set(sandboxApps.map((a) => a.name));
  for (const app of stack.apps.filter((a) => names.has(a.name))) {
    const started = Date.now();
    const res = await fetch(`${app.url}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scale }),
      signal: AbortSignal.timeout(600_000),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`${app.name}: reset to scale ${scale} answered ${res.status}: ${body}`);
    print(`[${app.name}] demo firm at scale ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${body}`);
  }
}

/**
 * The sandboxes stand in for the vendors: their request logs (a line per poll of every change feed)
 * would drown the product's own. They log warnings and errors unless SANDBOX_LOG_LEVEL says otherwise.
 */
function sandboxLogLevels(): Record<string, Record<string, string>> {
  const level = process.env.SANDBOX_LOG_LEVEL?.trim() || 'warn';
  return Object.fromEntries(sandboxApps.map((app) => [app.name, { LOG_LEVEL: level }]));
}
