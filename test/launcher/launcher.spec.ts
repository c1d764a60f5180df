/**
 * The real launcher (`tools/launcher/main.ts`, what `npm start` runs) as a child process, on an embedded
 * PostgreSQL in a temporary directory and random ports: it starts, prints the demo key, and on SIGTERM
 * stops every app then PostgreSQL and exits 0, leaving no process behind. A second start reuses the data
 * and prints the same demo key.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, scratchBaseDir } from '@app/persistence';
import { appDefinitions } from '../../tools/launcher/apps';
import { isAlive } from './process-helpers';

const root = resolve(__dirname, '..', '..');

interface Launch {
  child: ChildProcess;
  output: () => string;
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(env: NodeJS.ProcessEnv): Launch {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'test/support/ts-register.js'), join(root, 'tools/launcher/main.ts')],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const ready = new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        done(out);
      }
    }, 50);
    void exited.then(({ code, signal }) => {
      clearInterval(timer);
      fail(new Error(`launcher exited before it was ready (${signal ?? code})\n${out}`));
    });
  });
  return { child, output: () => out, ready, exited };
}

function postmasterPid(dataRoot: string): number {
  return Number(readFileSync(join(dataRoot, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('launcher (npm start)', () => {
  let dataRoot: string;
  let env: NodeJS.ProcessEnv;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(scratchBaseDir(), 'launcher-spec-'));
    chmodSync(dataRoot, 0o755);
    env = {
      ...process.env,
      LAUNCHER_DATA_DIR: dataRoot,
      EMBEDDED_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.DEMO_API_KEY;
    delete env.LAUNCHER_MODE;
    for (const def of appDefinitions) env[def.portEnv] = '0';
  });
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('starts the product on an embedded PostgreSQL, and SIGTERM stops the apps and PostgreSQL with exit code 0', async () => {
    const first = launch(env);
    running.push(first.child);
    const out = await first.ready;
    expect(out).toContain('initialising a PostgreSQL cluster');
    const key = /demo API key:\s+(\S+)/.exec(out)?.[1];
    expect(key).toMatch(/^demo_/);
    expect(readFileSync(join(dataRoot, 'demo-api-key'), 'utf8').trim()).toBe(key);
    const pgPid = postmasterPid(dataRoot);
    expect(isAlive(pgPid)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(pgPid)).toBe(false);
    expect(existsSync(join(dataRoot, 'pg', 'postmaster.pid'))).toBe(false);

    // Second start: same data directory, same demo key, no initdb; SIGINT (Ctrl-C) stops it as cleanly.
    const second = launch(env);
    running.push(second.child);
    const again = await second.ready;
    expect(again).not.toContain('initialising a PostgreSQL cluster');
    expect(/demo API key:\s+(\S+)/.exec(again)?.[1]).toBe(key);
    const pgPid2 = postmasterPid(dataRoot);
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(pgPid2)).toBe(false);
  }, 120_000);
});
