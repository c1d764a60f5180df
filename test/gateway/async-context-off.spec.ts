/**
 * The gateway as it runs in production: alone in its process (dist/apps/gateway/main.js), where it keeps
 * no AsyncLocalStorage context (AppDefinition.asyncContext false, docs/performance.md). The correlation
 * must still reach the upstream, the response and the log lines, now carried on the request.
 * Needs the build (`npm run build`), like the launcher's processes mode.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '../support';

const MAIN = path.resolve(__dirname, '../../dist/apps/gateway/main.js');
const KEY = 'ctx-off-key-0123456789abcdefghijklmnop';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

describe('gateway alone in its process (no async context)', () => {
  let db: TestDatabase;
  let upstream: Server;
  const seen: Seen[] = [];
  let gateway: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    db = await createTestDatabase('gwctx');
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'OPP-0001' }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    gateway = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        DATABASE_URL: db.url,
        GATEWAY_PORT: '0',
        HOST: '127.0.0.1',
        SYSTEM_CRM_URL: upstreamUrl,
        // nothing listens there: the gateway answers 503 itself
        SYSTEM_PSA_URL: 'http://127.0.0.1:9',
        DEMO_API_KEY: KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /gateway listening on (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      gateway.stdout!.on('data', onData);
      gateway.stderr!.on('data', onData);
      gateway.once('exit', (code) => reject(new Error(`gateway exited (${code}):\n${output}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((r) => gateway.once('exit', r));
      gateway.kill('SIGTERM');
      await exited;
    }
    upstream?.closeAllConnections();
    if (upstream) await new Promise((r) => upstream.close(r));
    await db?.drop();
  });

  const logLines = (): Array<Record<string, unknown>> =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  async function waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (let i = 0; i < 50; i++) {
      const line = logLines().find(match);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no such log line in:\n${output}`);
  }

  it('passes the caller correlation and trace on to the upstream and logs them', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${url}/system/crm/v1/opportunities/OPP-0001`, {
      headers: {
        'x-api-key': KEY,
        'x-correlation-id': 'ctx-off-1',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('ctx-off-1');
    const call = seen.find((s) => s.headers['x-correlation-id'] === 'ctx-off-1');
    expect(call).toBeDefined();
    const [, upTrace, upSpan] = String(call!.headers.traceparent).split('-');
    expect(upTrace).toBe(traceId);
    expect(upSpan).not.toBe('00f067aa0ba902b7');
    expect(String(call!.headers.authorization)).toMatch(/^Bearer ey/);

    const line = await waitForLog((l) => l.msg === 'request completed' && l.correlationId === 'ctx-off-1');
    expect(line).toMatchObject({ app: 'gateway', status: 200, method: 'GET' });
  });

  it('generates one correlation per call without one and keeps it apart from concurrent calls', async () => {
    const before = seen.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${url}/system/crm/v1/opportunities/OPP-0001`, { headers: { 'x-api-key': KEY } }),
      ),
    );
    const ids = answers.map((r) => r.headers.get('x-correlation-id'));
    expect(new Set(ids).size).toBe(20);
    const upstreamIds = seen.slice(before).map((s) => s.headers['x-correlation-id']);
    expect(new Set(upstreamIds)).toEqual(new Set(ids));
  });

  it('names the correlation in the problem and in the log line of an upstream that is down', async () => {
    const res = await fetch(`${url}/system/psa/v1/projects`, {
      headers: { 'x-api-key': KEY, 'x-correlation-id': 'ctx-off-down' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ correlationId: 'ctx-off-down' });
    const line = await waitForLog((l) => l.correlationId === 'ctx-off-down' && l.level === 'warn');
    expect(line).toMatchObject({ app: 'gateway' });
  });
});
