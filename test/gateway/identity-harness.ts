import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, jsonRequest, TestDatabase, HttpResult } from '@app/testing';
import { Client } from 'pg';
import { gatewayApp } from '../../apps/gateway/src/app.definition';

export const DEMO_KEY = 'demo-key-identity-0123456789abcdef';

/**
 * Gateway replicas on one fresh database (the demo consumer holds DEMO_KEY and every scope), with
 * helpers for the admin API. `env` applies to every replica started.
 */
export class IdentityHarness {
  db!: TestDatabase;
  gateways: RunningApp[] = [];
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(replicas = 1, env: Record<string, string> = {}): Promise<IdentityHarness> {
    const h = new IdentityHarness();
    h.db = await createTestDatabase('gateway_identity');
    Object.assign(process.env, { DATABASE_URL: h.db.url, DEMO_API_KEY: DEMO_KEY, ...env });
    // One after the other: the first applies the migrations.
    for (let i = 0; i < replicas; i++) await h.addReplica();
    return h;
  }

  async addReplica(): Promise<RunningApp> {
    const app = await bootstrapApp(gatewayApp, { port: 0, host: '127.0.0.1', logger: false });
    this.gateways.push(app);
    return app;
  }

  get url(): string {
    return this.gateways[0].url;
  }

  /** An admin API call on replica `replica` with the demo (admin) key, or other headers. */
  admin(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { 'x-api-key': DEMO_KEY },
    replica = 0,
  ): Promise<HttpResult> {
    return jsonRequest(`${this.gateways[replica].url}/gateway/admin/v1${path}`, method, body, headers);
  }

  /** A consumer with an API key, through the admin API. */
  async consumerWithKey(
    name: string,
    settings: Record<string, unknown> = {},
  ): Promise<{ consumerId: string; key: string; keyId: string }> {
    const created = await this.admin('POST', '/consumers', { name, ...settings });
    if (created.status !== 201) throw new Error(`create consumer: ${created.status} ${JSON.stringify(created.body)}`);
    const issued = await this.admin('POST', `/consumers/${name}/keys`, {});
    if (issued.status !== 201) throw new Error(`issue key: ${issued.status} ${JSON.stringify(issued.body)}`);
    return { consumerId: created.body.consumerId, key: issued.body.key, keyId: issued.body.keyId };
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
    for (const g of this.gateways) await g.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}

/** Form-encoded POST to the token endpoint. */
export async function tokenRequest(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}
