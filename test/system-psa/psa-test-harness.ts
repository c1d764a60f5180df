import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, HttpResult, jsonRequest, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { kantataSandboxApp } from '../../apps/sandbox/src/app.definition';
import { systemPsaApp } from '../../apps/system-psa/src/app.definition';

/** A fresh database, the Kantata sandbox on a random port and system-psa pointed at it. */
export class PsaHarness {
  db!: TestDatabase;
  sandbox!: RunningApp;
  psa?: RunningApp;
  private token?: string;
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(psaEnv: Record<string, string> = {}): Promise<PsaHarness> {
    const h = new PsaHarness();
    h.db = await createTestDatabase('system_psa');
    process.env.DATABASE_URL = h.db.url;
    h.sandbox = await bootstrapApp(kantataSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    Object.assign(process.env, { KANTATA_API_URL: h.sandbox.url, PSA_POLL_ENABLED: 'false', ...psaEnv });
    await h.startPsa();
    return h;
  }

  async startPsa(env: Record<string, string> = {}): Promise<RunningApp> {
    await this.psa?.close();
    Object.assign(process.env, env);
    this.psa = await bootstrapApp(systemPsaApp, { port: 0, host: '127.0.0.1', logger: false });
    return this.psa;
  }

  /** system-psa's API. */
  api(method: string, path: string, body?: unknown): Promise<HttpResult> {
    return jsonRequest(`${this.psa!.url}/system/psa/v1${path}`, method, body);
  }

  /** The sandbox's control API (`/__sandbox/...`). */
  control(method: string, path: string, body?: unknown): Promise<HttpResult> {
    return jsonRequest(`${this.sandbox.url}/__sandbox${path}`, method, body);
  }

  /** Kantata's API as a test client (own token). */
  async kantata(method: string, path: string, body?: unknown): Promise<HttpResult> {
    const login = async () => {
      const res = await jsonRequest(`${this.sandbox.url}/oauth/token`, 'POST', {
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: 'demo-secret',
      });
      this.token = res.body.access_token;
    };
    if (!this.token) await login();
    let res = await jsonRequest(`${this.sandbox.url}/api/v1${path}`, method, body, {
      authorization: `Bearer ${this.token}`,
    });
    if (res.status === 401) {
      await login();
      res = await jsonRequest(`${this.sandbox.url}/api/v1${path}`, method, body, {
        authorization: `Bearer ${this.token}`,
      });
    }
    return res;
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
    await this.psa?.close().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}

/** The objects of a Kantata envelope in results order. */
export function objectsOf(body: any, key: string): any[] {
  return body.results.filter((r: any) => r.key === key).map((r: any) => body[key][r.id]);
}
