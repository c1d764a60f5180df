import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateBus, registerSubscriptions } from '@app/messaging';
import { freePort, validateDatabaseUrl } from '@app/persistence';
import { AppDefinition, bootstrapApp, resolvePort } from '@app/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { appDefinitions, publishedUrlEnv, urlEnvName } from './apps';

export type StackMode = 'in-process' | 'processes';

export interface StackOptions {
  /** Names of the apps to start (registry order is kept). Default: every app. */
  apps?: string[];
  /** The app registry to pick from. Default: tools/launcher/apps.ts. */
  definitions?: AppDefinition[];
  /**
   * Processes mode with custom `definitions`: absolute path of the module exporting them as
   * `appDefinitions`, for the child processes to load (tests).
   */
  registryModule?: string;
  /** Default: env DATABASE_URL. */
  databaseUrl?: string;
  /** Port per app name; 0 = a free one. Default: env[def.portEnv] ?? def.defaultPort. */
  ports?: Record<string, number>;
  /** Environment for every app (e.g. LOG_LEVEL, DEMO_API_KEY). */
  env?: Record<string, string>;
  /** Environment for one app only, by app name. */
  appEnv?: Record<string, Record<string, string>>;
  /** 'in-process' (default): every app in this Node process; 'processes': one child process per app. */
  mode?: StackMode;
  /** Interface to listen on. Default: env HOST, else 0.0.0.0. */
  host?: string;
  /** false: the apps log nothing (in-process mode). */
  logger?: boolean;
  /** In-process mode: where the apps' JSON log lines go (default stdout); tests collect them here. */
  logDestination?: DestinationStream;
  /** Processes mode: where the children's stdout/stderr go. 'pipe' keeps the last lines (see Stack.output). Default 'inherit'. */
  output?: 'inherit' | 'pipe' | 'ignore';
  /** Processes mode: how long one app may take to become ready. Default 60 s. */
  readyTimeoutMs?: number;
  /** Install/upgrade the event bus schema (graphile-worker) once before the apps. Default true. */
  migrateBus?: boolean;
}

/** One app of a running stack. */
export interface StackApp {
  name: string;
  /** Real base URL, e.g. http://127.0.0.1:8091. */
  url: string;
  /** In-process mode: the Nest application. */
  app?: NestFastifyApplication;
  /** Processes mode: the child's process id. */
  pid?: number;
  close(): Promise<void>;
}

export interface Stack {
  mode: StackMode;
  databaseUrl: string;
  /** Real URL of each app by name. */
  urls: Record<string, string>;
  /** Running apps in start order. */
  apps: StackApp[];
  get(name: string): StackApp;
  /** Stops one app abruptly: SIGKILL (or `signal`) to its process; in-process mode closes it. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /**
   * Starts one app again, on the same port with the same environment, and waits until it is ready.
   * `env`: variables changed for this app from now on (an empty string clears a setting), e.g. a test
   * switching a fault on or off between two runs of the same app.
   */
  restart(name: string, env?: Record<string, string>): Promise<StackApp>;
  /** Processes mode with output 'pipe': the last output lines of one app. */
  output(name: string): string;
  /** Stops every app, the last started first. */
  stop(): Promise<void>;
}

/** Serialises the in-process creation phases: they publish configuration through process.env. */
let envLock: Promise<unknown> = Promise.resolve();
function underEnvLock<T>(work: () => Promise<T>): Promise<T> {
  const run = envLock.then(work, work);
  envLock = run.catch(() => undefined);
  return run;
}

/** Sets variables in process.env and returns a function restoring the previous values. */
function applyEnv(vars: Record<string, string>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(vars)) {
    previous.set(key, process.env[key]);
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of [...previous].reverse()) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

function selectApps(options: StackOptions): AppDefinition[] {
  const registry = options.definitions ?? appDefinitions;
  if (!options.apps) return [...registry];
  const unknown = options.apps.filter((name) => !registry.some((d) => d.name === name));
  if (unknown.length) {
    throw new Error(
      `Unknown app(s): ${unknown.join(', ')}. Known apps: ${registry.map((d) => d.name).join(', ') || 'none'}`,
    );
  }
  return registry.filter((d) => options.apps!.includes(d.name));
}

/** Env publishing one app's URL: `<APP>_URL` and its extra names (vendor URLs for sandboxes). */
function urlVars(name: string, url: string): Record<string, string> {
  const vars: Record<string, string> = { [urlEnvName(name)]: url };
  for (const entry of publishedUrlEnv[name] ?? []) {
    // `NAME` publishes the app's URL; `NAME=/path` publishes the URL of that path on the app.
    const [key, path = ''] = entry.split('=', 2);
    vars[key] = `${url}${path}`;
  }
  return vars;
}

function shownUrl(host: string, port: number): string {
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}`;
}

/**
 * Starts the apps in order (sandboxes, system, process, experience, gateway). Before each app is created,
 * its environment holds DATABASE_URL, its port, and the real URL of every app started before it
 * (`SYSTEM_CRM_URL`, vendor URLs such as the Salesforce sandbox's...), so port 0 works end to end.
 */
export async function startStack(given: StackOptions = {}): Promise<Stack> {
  const options = withServiceKeys(given);
  const databaseUrl = validateDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL);
  const definitions = selectApps(options);
  if (options.migrateBus !== false) {
    await migrateBus(databaseUrl);
    // Every consumer group is known to the bus before any app publishes: nothing is lost on a first start.
    const subscriptions = definitions.flatMap((d) =>
      (d.subscriptions ?? []).map((s) => ({ group: s.group, types: [...s.types] })),
    );
    if (subscriptions.length) await registerSubscriptions(databaseUrl, subscriptions);
  }
  return (options.mode ?? 'in-process') === 'processes'
    ? startProcesses(definitions, databaseUrl, options)
    : startInProcess(definitions, databaseUrl, options);
}

/** The internal consumers of the gateway (apps calling the system APIs through it) and their key variable. */
export const SERVICE_CONSUMERS = ['process-api'];

/**
 * GATEWAY_SERVICE_KEYS for the gateway (from options.env, else a fresh random key per service consumer)
 * and GATEWAY_API_KEY for each of those apps (its own key only), unless their appEnv already sets one.
 */
export function withServiceKeys(options: StackOptions): StackOptions {
  const keys = parseServiceKeyList(options.env?.GATEWAY_SERVICE_KEYS);
  for (const name of SERVICE_CONSUMERS) keys[name] ??= `svc_${randomBytes(24).toString('base64url')}`;
  const appEnv = { ...(options.appEnv ?? {}) };
  for (const name of SERVICE_CONSUMERS) appEnv[name] = { GATEWAY_API_KEY: keys[name], ...(appEnv[name] ?? {}) };
  const list = Object.entries(keys)
    .map(([name, key]) => `${name}=${key}`)
    .join(',');
  return { ...options, env: { ...(options.env ?? {}), GATEWAY_SERVICE_KEYS: list }, appEnv };
}

function parseServiceKeyList(raw: string | undefined): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const entry of (raw ?? '').split(',')) {
    const at = entry.indexOf('=');
    if (at > 0) keys[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return keys;
}

function portOption(def: AppDefinition, options: StackOptions): number | undefined {
  return options.ports?.[def.name];
}

async function startInProcess(
  definitions: AppDefinition[],
  databaseUrl: string,
  options: StackOptions,
): Promise<Stack> {
  const apps: StackApp[] = [];
  const urls: Record<string, string> = {};
  /** DATABASE_URL, options.env, then each started app's port and URL: what the next app is created with. */
  const stackVars: Record<string, string> = { DATABASE_URL: databaseUrl, ...(options.env ?? {}) };
  const ports = new Map<string, number>();

  // process.env holds the stack's variables only while an app is being created (its configuration is
  // read and validated at boot), so several stacks can live in one process (tests).
  const boot = (def: AppDefinition, port: number | undefined): Promise<StackApp> =>
    underEnvLock(async () => {
      const restore = applyEnv({ ...stackVars, ...(options.appEnv?.[def.name] ?? {}) });
      try {
        const running = await bootstrapApp(def, {
          port,
          host: options.host,
          logger: options.logger,
          logDestination: options.logDestination,
        });
        return { name: running.name, url: running.url, app: running.app, close: running.close };
      } finally {
        restore();
      }
    });

  const stopAll = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const app of [...apps].reverse()) {
      await app.close().catch((e: unknown) => errors.push(e));
    }
    apps.length = 0;
    if (errors.length) throw errors[0];
  };

  // Ports are fixed up front (0 -> a free port now), so every app's URL is published before the first
  // app starts: an app may name one started after it (a sandbox's webhook target, for instance).
  const host = options.host ?? process.env.HOST?.trim() ?? '0.0.0.0';
  const envView = { ...process.env, ...stackVars };
  for (const def of definitions) {
    let port = portOption(def, options) ?? resolvePort(def, undefined, envView);
    if (port === 0) port = await freePort();
    ports.set(def.name, port);
    Object.assign(stackVars, { [def.portEnv]: String(port) }, urlVars(def.name, shownUrl(host, port)));
  }

  try {
    for (const def of definitions) {
      const started = await boot(def, ports.get(def.name));
      apps.push(started);
      urls[def.name] = started.url;
    }
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }

  const find = (name: string): StackApp => {
    const app = apps.find((a) => a.name === name);
    if (!app) throw new Error(`No running app named ${name}`);
    return app;
  };

  let stopping: Promise<void> | undefined;
  return {
    mode: 'in-process',
    databaseUrl,
    urls,
    apps,
    get: find,
    kill: async (name) => {
      await find(name).close();
    },
    restart: async (name, env) => {
      const def = definitions.find((d) => d.name === name);
      if (!def) throw new Error(`No app named ${name} in this stack`);
      if (env) options.appEnv = { ...(options.appEnv ?? {}), [name]: { ...(options.appEnv?.[name] ?? {}), ...env } };
      const index = apps.findIndex((a) => a.name === name);
      if (index >= 0) await apps[index].close();
      const started = await boot(def, ports.get(name));
      if (index >= 0) apps[index] = started;
      else apps.push(started);
      return started;
    },
    output: () => '',
    stop: () => (stopping ??= stopAll()),
  };
}

// ---------------------------------------------------------------------------------------------------
// Processes mode: one child Node process per app (tools/launcher/run-app), wired the same way.
// ---------------------------------------------------------------------------------------------------

const OUTPUT_LINES = 200;

interface ChildSlot {
  def: AppDefinition;
  port: number;
  url: string;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  output: string[];
}

/**
 * The compiled runner next to this file; from the sources (tests), the one in dist/ when dist/ is a
 * build of the sources as they are (a child boots in seconds instead of compiling every module) and
 * the product's registry is used; else the TypeScript one through the swc hook.
 */
function runnerCommand(customRegistry: boolean): { script: string; execArgv: string[] } {
  const compiled = join(__dirname, 'run-app.js');
  if (existsSync(compiled)) return { script: compiled, execArgv: [] };
  const root = resolve(__dirname, '..', '..');
  const built = join(root, 'dist', 'tools', 'launcher', 'run-app.js');
  if (!customRegistry && existsSync(built)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const freshness = require(
      join(root, 'scripts', 'build-freshness.js'),
    ) as typeof import('../../scripts/build-freshness');
    if (freshness.buildNeeded() === null) return { script: built, execArgv: [] };
  }
  const source = join(__dirname, 'run-app.ts');
  const hook = resolve(__dirname, '..', '..', 'test', 'support', 'ts-register.js');
  if (existsSync(source) && existsSync(hook)) return { script: source, execArgv: ['-r', hook] };
  throw new Error('Processes mode needs the compiled launcher: run `npm run build` first.');
}

async function startProcesses(
  definitions: AppDefinition[],
  databaseUrl: string,
  options: StackOptions,
): Promise<Stack> {
  const host = options.host ?? process.env.HOST?.trim() ?? '0.0.0.0';
  const baseEnv: Record<string, string> = { DATABASE_URL: databaseUrl, ...(options.env ?? {}) };
  const envView = { ...process.env, ...baseEnv };
  // Ports are fixed up front (0 -> a free port now), so every URL is known before the first app starts
  // and a restarted app comes back on the same address.
  const slots: ChildSlot[] = [];
  for (const def of definitions) {
    let port = portOption(def, options) ?? resolvePort(def, undefined, envView);
    if (port === 0) port = await freePort();
    slots.push({ def, port, url: shownUrl(host, port), env: {}, output: [] });
  }
  const published: Record<string, string> = {};
  for (const slot of slots)
    Object.assign(published, urlVars(slot.def.name, slot.url), { [slot.def.portEnv]: String(slot.port) });
  for (const slot of slots) {
    slot.env = {
      ...process.env,
      ...baseEnv,
      ...published,
      HOST: host,
      ...(options.registryModule ? { LAUNCHER_REGISTRY: options.registryModule } : {}),
      ...(options.appEnv?.[slot.def.name] ?? {}),
    };
  }

  const runner = runnerCommand(Boolean(options.registryModule));
  const output = options.output ?? 'inherit';
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const apps: StackApp[] = [];
  const urls: Record<string, string> = Object.fromEntries(slots.map((s) => [s.def.name, s.url]));

  const stopChild = async (slot: ChildSlot, signal: NodeJS.Signals, graceMs: number): Promise<void> => {
    const child = slot.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const launch = async (slot: ChildSlot): Promise<StackApp> => {
    slot.output = [];
    const child = fork(runner.script, [slot.def.name], {
      env: slot.env,
      execArgv: runner.execArgv,
      stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    slot.child = child;
    const keep = (chunk: Buffer): void => {
      if (output !== 'pipe') return;
      slot.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (slot.output.length > OUTPUT_LINES) slot.output.splice(0, slot.output.length - OUTPUT_LINES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`${slot.def.name} was not ready within ${readyTimeoutMs} ms\n${slot.output.join('\n')}`));
      }, readyTimeoutMs);
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(
          new Error(`${slot.def.name} exited during start (${signal ?? `code ${code}`})\n${slot.output.join('\n')}`),
        );
      });
    });
    return {
      name: slot.def.name,
      url: slot.url,
      pid: child.pid,
      close: () => stopChild(slot, 'SIGTERM', 10_000),
    };
  };

  const stopAll = async (): Promise<void> => {
    await Promise.all([...slots].reverse().map((slot) => stopChild(slot, 'SIGTERM', 10_000)));
    apps.length = 0;
  };

  try {
    for (const slot of slots) apps.push(await launch(slot));
  } catch (err) {
    await stopAll();
    throw err;
  }

  const slotOf = (name: string): ChildSlot => {
    const slot = slots.find((s) => s.def.name === name);
    if (!slot) throw new Error(`No app named ${name} in this stack`);
    return slot;
  };

  let stopping: Promise<void> | undefined;
  return {
    mode: 'processes',
    databaseUrl,
    urls,
    apps,
    get: (name) => {
      const app = apps.find((a) => a.name === name);
      if (!app) throw new Error(`No running app named ${name}`);
      return app;
    },
    kill: (name, signal = 'SIGKILL') => stopChild(slotOf(name), signal, 5_000),
    restart: async (name, env) => {
      const slot = slotOf(name);
      await stopChild(slot, 'SIGTERM', 10_000);
      if (env) slot.env = { ...slot.env, ...env };
      const started = await launch(slot);
      const index = apps.findIndex((a) => a.name === name);
      if (index >= 0) apps[index] = started;
      else apps.push(started);
      return started;
    },
    output: (name) => slotOf(name).output.join('\n'),
    stop: () => (stopping ??= stopAll()),
  };
}
