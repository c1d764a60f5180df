import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, freePort, scratchBaseDir, startThrowawayPostgres } from './ensure-database';
import { startEmbeddedPostgres } from './embedded-postgres';
import { isAlive, waitForExit } from './process-info';

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  const savedUrl = process.env.DATABASE_URL;
  let dataDir: string;

  beforeEach(() => {
    delete process.env.DATABASE_URL;
    const parent = mkdtempSync(join(scratchBaseDir(), 'embedded-pg-spec-'));
    chmodSync(parent, 0o755); // the server runs as the postgres OS user when the tests run as root
    dataDir = join(parent, 'pg');
  });
  afterEach(() => {
    process.env.DATABASE_URL = savedUrl;
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('returns DATABASE_URL untouched when it is set, starting nothing', async () => {
    process.env.DATABASE_URL = 'postgres://u:p@db.example:5432/app';
    const db = await ensureDatabase({ dataDir });
    expect(db).toMatchObject({ url: 'postgres://u:p@db.example:5432/app', embedded: false });
    await db.stop();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('never uses port 5432', async () => {
    await expect(ensureDatabase({ dataDir, port: 5432 })).rejects.toThrow(/never uses port 5432/);
    const saved = process.env.EMBEDDED_PG_PORT;
    process.env.EMBEDDED_PG_PORT = '5432';
    try {
      await expect(ensureDatabase({ dataDir })).rejects.toThrow(/EMBEDDED_PG_PORT/);
    } finally {
      if (saved === undefined) delete process.env.EMBEDDED_PG_PORT;
      else process.env.EMBEDDED_PG_PORT = saved;
    }
  });

  it('keeps its data from one start to the next and creates the application database', async () => {
    const port = await freePort();
    const first = await ensureDatabase({ dataDir, port, maxConnections: 123 });
    expect(first.embedded).toBe(true);
    expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/integration`);
    await query(first.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
    const [{ max_connections }] = await query<{ max_connections: string }>(first.url, 'SHOW max_connections');
    expect(max_connections).toBe('123');
    await first.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    const second = await ensureDatabase({ dataDir, port });
    try {
      expect(await query(second.url, 'SELECT id FROM kept')).toEqual([{ id: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('recovers after the postmaster was killed with SIGKILL and its pid reused by another program', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    await query(first.url, 'CREATE TABLE survived (id int); INSERT INTO survived VALUES (1)');
    process.kill(first.pid, 'SIGKILL');
    expect(await waitForExit(first.pid, 5000)).toBe(true);
    const pidFile = join(dataDir, 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    // Worst case: the recorded pid now belongs to a live, unrelated process.
    const impostor = spawn('sleep', ['30'], { stdio: 'ignore' });
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    lines[0] = String(impostor.pid);
    writeFileSync(pidFile, lines.join('\n'));
    try {
      const second = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
      try {
        expect(await query(second.url, 'SELECT id FROM survived')).toEqual([{ id: 1 }]);
      } finally {
        await second.stop();
      }
    } finally {
      impostor.kill('SIGKILL');
    }
  });

  it('takes over from an orphaned postmaster whose launcher died', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'app', durable: false });
    const flags = readFileSync(`/proc/${first.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    await first.stop();
    // Start the same server from a shell that exits at once: the postmaster is re-parented (an orphan).
    const quoted = flags.map((f) => `'${f.replace(/'/g, `'\\''`)}'`).join(' ');
    const { uid, gid } = statSync(dataDir);
    await new Promise<void>((resolve, reject) => {
      const sh = spawn('sh', ['-c', `${quoted} >/dev/null 2>&1 &`], { uid, gid, stdio: 'ignore', detached: true });
      sh.on('exit', () => resolve());
      sh.on('error', reject);
    });
    let orphanPid = 0;
    for (let i = 0; i < 200 && !orphanPid; i++) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        await query(`postgres://postgres:postgres@127.0.0.1:${port}/app`, 'SELECT 1');
        orphanPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        /* not ready yet */
      }
    }
    expect(isAlive(orphanPid)).toBe(true);

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'app', durable: false });
    try {
      expect(second.pid).not.toBe(orphanPid);
      expect(isAlive(orphanPid)).toBe(false);
      expect(await query(second.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it('says so when the postgres OS user cannot reach the data directory', async () => {
    if (process.getuid?.() !== 0) return; // only relevant when the server runs as another user
    chmodSync(join(dataDir, '..'), 0o700);
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(
      /cannot reach .* chmod o\+x/,
    );
  });

  it('shares the server of a directory another live process runs, when asked to (ensureDatabase does)', async () => {
    const port = await freePort();
    const owner = await ensureDatabase({ dataDir, port });
    try {
      const guest = await ensureDatabase({ dataDir, port: await freePort() });
      expect(guest.url).toBe(owner.url);
      await guest.stop();
      expect(await query(owner.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await owner.stop();
    }
  });

  it('refuses to start a second server on a directory a live process is using', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, durable: false });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false })).rejects.toThrow(
        /already running/,
      );
    } finally {
      await first.stop();
    }
  });

  it('throwaway servers use a random port and vanish on stop', async () => {
    const pg = await startThrowawayPostgres();
    expect(pg.port).not.toBe(5432);
    expect(await query(pg.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await pg.stop();
    expect(isAlive(pg.pid)).toBe(false);
    expect(existsSync(pg.dataDir)).toBe(false);
  });
});
