import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, HttpResult, jsonRequest, TestDatabase } from '@app/testing';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { workdaySandboxApp } from '../../apps/sandbox/src/app.definition';
import { systemHrisApp } from '../../apps/system-hris/src/app.definition';

/**
 * A fresh database, the Workday sandbox on a random port and system-hris pointed at it (polling off:
 * tests drive the tracker), with every log line of system-hris captured in `logs`.
 */
export class HrisHarness {
  db!: TestDatabase;
  sandbox!: RunningApp;
  hris?: RunningApp;
  logs: string[] = [];
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(env: Record<string, string> = {}): Promise<HrisHarness> {
    const h = new HrisHarness();
    h.db = await createTestDatabase('system_hris');
    process.env.DATABASE_URL = h.db.url;
    h.sandbox = await bootstrapApp(workdaySandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    Object.assign(process.env, { WORKDAY_API_URL: h.sandbox.url, HRIS_POLL_ENABLED: 'false', ...env });
    await h.startHris();
    return h;
  }

  async startHris(env: Record<string, string> = {}): Promise<RunningApp> {
    await this.hris?.close();
    Object.assign(process.env, env);
    const logs = this.logs;
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    this.hris = await bootstrapApp(systemHrisApp, {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'debug',
      logDestination: destination,
    });
    return this.hris;
  }

  /** Calls system-hris. */
  api(path: string, method = 'GET', body?: unknown): Promise<HttpResult> {
    return jsonRequest(this.hris!.url + path, method, body);
  }

  /** Calls the sandbox's control API (HR actions). */
  async hr(path: string, body?: unknown): Promise<any> {
    const res = await jsonRequest(this.sandbox.url + path, 'POST', body);
    if (res.status >= 300) throw new Error(`sandbox ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pg) {
      this.pg = new Client({ connectionString: this.db.url });
      await this.pg.connect();
    }
    return (await this.pg.query(query, params)).rows as T[];
  }

  async stop(): Promise<void> {
    await this.pg?.end().catch(() => undefined);
    await this.hris?.close().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}
