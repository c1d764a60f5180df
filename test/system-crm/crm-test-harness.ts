import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { salesforceSandboxApp } from '../../apps/sandbox/src/app.definition';
import { systemCrmApp } from '../../apps/system-crm/src/app.definition';

export interface SandboxHttp {
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  soql<T = Record<string, unknown>>(q: string): Promise<T[]>;
  patchOpportunity(externalId: string, fields: Record<string, unknown>): Promise<void>;
}

/**
 * A fresh database, the Salesforce sandbox on a random port and system-crm pointed at it.
 * `startCrm()` (re)starts system-crm on the same database; env overrides apply to system-crm.
 */
export class CrmHarness {
  db!: TestDatabase;
  sandbox!: RunningApp;
  crm?: RunningApp;
  sf!: SandboxHttp;
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(crmEnv: Record<string, string> = {}): Promise<CrmHarness> {
    const h = new CrmHarness();
    h.db = await createTestDatabase('system_crm');
    process.env.DATABASE_URL = h.db.url;
    h.sandbox = await bootstrapApp(salesforceSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    h.sf = sandboxHttp(h.sandbox.url);
    // system-crm is called directly here, not through the gateway: no internal token to check.
    Object.assign(process.env, {
      SALESFORCE_LOGIN_URL: h.sandbox.url,
      CRM_POLL_ENABLED: 'false',
      INTERNAL_AUTH: 'off',
      ...crmEnv,
    });
    await h.startCrm();
    return h;
  }

  async startCrm(env: Record<string, string> = {}): Promise<RunningApp> {
    await this.crm?.close();
    Object.assign(process.env, env);
    this.crm = await bootstrapApp(systemCrmApp, { port: 0, host: '127.0.0.1', logger: false });
    return this.crm;
  }

  /** Rows of a query on the test database. */
  async sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pg) {
      this.pg = new Client({ connectionString: this.db.url });
      await this.pg.connect();
    }
    return (await this.pg.query(query, params)).rows as T[];
  }

  async stop(): Promise<void> {
    await this.pg?.end().catch(() => undefined);
    await this.crm?.close().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}

export function sandboxHttp(url: string): SandboxHttp {
  let token: string | undefined;
  const login = async () => {
    const res = await fetch(`${url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  };
  const call: SandboxHttp['call'] = async (method, path, body, headers = {}) => {
    if (!token) await login();
    const send = () =>
      fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    let res = await send();
    if (res.status === 401) {
      await login();
      res = await send();
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    async soql<T>(q: string) {
      const res = await call('GET', `/services/data/v60.0/query?q=${encodeURIComponent(q)}`);
      if (res.status !== 200) throw new Error(`sandbox query failed: ${JSON.stringify(res.body)}`);
      return res.body.records as T[];
    },
    async patchOpportunity(externalId, fields) {
      const res = await call('PATCH', `/services/data/v60.0/sobjects/Opportunity/External_Id__c/${externalId}`, fields);
      if (res.status !== 200) throw new Error(`sandbox upsert failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
