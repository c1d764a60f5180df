import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, HttpResult, jsonRequest, TestDatabase } from '@app/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { gatewayApp } from '../../apps/gateway/src/app.definition';

export const DEMO_KEY = 'demo-key-policy-0123456789abcdef';

/** One request the small upstream received. */
export interface UpstreamHit {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const problem = { content: { 'application/problem+json': { schema: { type: 'object' } } }, description: 'problem' };
const ok = (schema: unknown = { type: 'object' }) => ({
  200: { description: 'ok', content: { 'application/json': { schema } } },
  400: problem,
});
const security = (scope: string) => [{ apiKey: [scope] }, { oauth2: [scope] }];

/** A product's test contract, as @nestjs/swagger and tools/openapi would publish it. */
function widgetsContract(version: number, lifecycle: string, extraInfo: Record<string, unknown> = {}): unknown {
  const base = `/system/widgets/v${version}`;
  return {
    openapi: '3.0.0',
    info: {
      title: `Widgets v${version}`,
      version: String(version),
      'x-app': 'system-crm',
      'x-base-path': base,
      'x-lifecycle': lifecycle,
      ...extraInfo,
    },
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: {
        Money: {
          type: 'object',
          required: ['amountMinor', 'currency'],
          properties: {
            amountMinor: { type: 'integer', 'x-unit': 'minor' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$', example: 'EUR' },
          },
        },
        WidgetInput: {
          type: 'object',
          required: ['name', 'amount'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 50 },
            amount: { $ref: '#/components/schemas/Money' },
            note: { type: 'string', nullable: true },
            startsOn: { type: 'string', format: 'date' },
            owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Money' }] },
          },
        },
      },
    },
    paths: {
      [`${base}/widgets`]: {
        get: {
          operationId: 'Widgets_list',
          security: security('widgets:read'),
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'closed'] } },
            { name: 'X-Tenant', in: 'header', required: false, schema: { type: 'string', maxLength: 5 } },
          ],
          responses: ok(),
        },
        post: {
          operationId: 'Widgets_create',
          security: security('widgets:write'),
          parameters: [
            { name: 'delayMs', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 5000 } },
            { name: 'X-Consumer-Id', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetInput' } } },
          },
          responses: ok(),
        },
      },
      [`${base}/widgets/{id}`]: {
        get: {
          operationId: 'Widgets_get',
          security: security('widgets:read'),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: ok(),
        },
        patch: {
          operationId: 'Widgets_update',
          security: security('widgets:write'),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: ok(),
        },
      },
    },
  };
}

function gadgetsContract(): unknown {
  return {
    openapi: '3.0.0',
    info: { title: 'Gadgets', version: '1', 'x-app': 'system-crm', 'x-lifecycle': 'active' },
    security: [{ apiKey: [] }],
    paths: {
      '/system/gadgets/v1/gadgets': {
        get: { operationId: 'Gadgets_list', security: security('gadgets:read'), responses: ok() },
      },
    },
  };
}

/**
 * A running gateway (the real app: identity, policy chain, forwarder) on a fresh database, in front of a
 * small real upstream that records every request it gets and echoes it back. The gateway's contracts
 * are test documents (widgets v1 and v2, gadgets v1) served by that upstream.
 */
export class PolicyHarness {
  db!: TestDatabase;
  gateways: RunningApp[] = [];
  upstream!: Server;
  upstreamUrl!: string;
  hits: UpstreamHit[] = [];
  contractsDir!: string;
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(env: Record<string, string> = {}, replicas = 1): Promise<PolicyHarness> {
    const h = new PolicyHarness();
    await h.startUpstream();
    h.contractsDir = mkdtempSync(path.join(tmpdir(), 'gateway-policy-contracts-'));
    const write = (name: string, doc: unknown) =>
      writeFileSync(path.join(h.contractsDir, `${name}.json`), JSON.stringify(doc, null, 2));
    write(
      'system.widgets.v1',
      widgetsContract(1, 'deprecated', { 'x-sunset': '2099-01-01', 'x-deprecated-at': '2026-01-01' }),
    );
    write('system.widgets.v2', widgetsContract(2, 'active'));
    write('system.gadgets.v1', gadgetsContract());
    h.db = await createTestDatabase('gateway_policy');
    Object.assign(process.env, {
      DATABASE_URL: h.db.url,
      DEMO_API_KEY: DEMO_KEY,
      GATEWAY_OPENAPI_DIR: h.contractsDir,
      SYSTEM_CRM_URL: h.upstreamUrl,
      LOG_LEVEL: 'silent',
      GATEWAY_LIFECYCLE_REFRESH_MS: '200',
      ...env,
    });
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

  private async startUpstream(): Promise<void> {
    this.upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const hit = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        this.hits.push(hit);
        const delay = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delayMs') ?? 0);
        setTimeout(() => {
          const payload = JSON.stringify({ method: hit.method, url: hit.url, body, n: this.hits.length });
          res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
          // chunked: the gateway streams it and counts it as it goes
          res.write(payload.slice(0, 10));
          res.end(payload.slice(10));
        }, delay);
      });
    });
    await new Promise<void>((resolve) => this.upstream.listen(0, '127.0.0.1', resolve));
    this.upstreamUrl = `http://127.0.0.1:${(this.upstream.address() as AddressInfo).port}`;
  }

  /** A call through the gateway with the demo key (or the given headers). */
  call(
    method: string,
    urlPath: string,
    body?: unknown,
    headers: Record<string, string> = {},
    replica = 0,
  ): Promise<HttpResult> {
    return jsonRequest(`${this.gateways[replica].url}${urlPath}`, method, body, { 'x-api-key': DEMO_KEY, ...headers });
  }

  /**
   * A request sent exactly as written (fetch would normalise `%2e%2e` and refuse CR/LF), on a fresh
   * connection; resolves with the status, headers and body text.
   */
  raw(
    method: string,
    rawPath: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
    const url = new URL(this.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path: rawPath,
          headers: { 'x-api-key': DEMO_KEY, ...headers },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  admin(method: string, urlPath: string, body?: unknown, key = DEMO_KEY): Promise<HttpResult> {
    return jsonRequest(`${this.url}/gateway/admin/v1${urlPath}`, method, body, { 'x-api-key': key });
  }

  /** A consumer with an API key, through the admin API. */
  async consumerWithKey(
    name: string,
    settings: Record<string, unknown> = {},
  ): Promise<{ consumerId: string; key: string }> {
    const created = await this.admin('POST', '/consumers', { name, ...settings });
    if (created.status !== 201) throw new Error(`create consumer: ${created.status} ${JSON.stringify(created.body)}`);
    const issued = await this.admin('POST', `/consumers/${name}/keys`, {});
    if (issued.status !== 201) throw new Error(`issue key: ${issued.status} ${JSON.stringify(issued.body)}`);
    return { consumerId: created.body.consumerId, key: issued.body.key };
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
    await new Promise<void>((resolve) => this.upstream?.close(() => resolve()));
    await this.db?.drop();
    if (this.contractsDir) rmSync(this.contractsDir, { recursive: true, force: true });
    process.env = this.savedEnv;
  }
}

export const WIDGET_ID = '7c0f3f0e-8a55-4d5e-9a43-2f7a3c9a1b11';
