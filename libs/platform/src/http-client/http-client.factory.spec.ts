import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppDefinition } from '../app-definition';
import { bootstrapApp, RunningApp } from '../bootstrap/bootstrap-app';
import { PlatformModule } from '../platform.module';
import { HttpClientFactory } from './http-client.factory';
import { ResilientHttpClient } from './resilient-http-client';

let upstreamUrl = '';

@Injectable()
class CrmClient {
  readonly http: ResilientHttpClient;
  constructor(factory: HttpClientFactory) {
    this.http = factory.create({
      name: 'system-crm',
      baseUrl: upstreamUrl,
      timeoutMs: 500,
      retries: 0,
      kind: 'upstream',
      breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
    });
  }
}

@Controller('process/test/v1/echo')
class EchoController {
  constructor(private readonly crm: CrmClient) {}

  @Get()
  async echo(): Promise<unknown> {
    return (await this.crm.http.get('/echo')).body;
  }
}

@Module({ imports: [PlatformModule.forApp({ name: 'caller' })], controllers: [EchoController], providers: [CrmClient] })
class CallerModule {}

const caller: AppDefinition = {
  name: 'caller',
  module: CallerModule,
  portEnv: 'CALLER_PORT',
  defaultPort: 0,
  apis: [],
};

describe('HttpClientFactory inside an app', () => {
  let upstream: Server;
  let status = 200;
  let running: RunningApp;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ correlationId: req.headers['x-correlation-id'], traceparent: req.headers.traceparent }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    running = await bootstrapApp(caller, { port: 0, host: '127.0.0.1', logger: false });
  });
  afterAll(async () => {
    await running?.close();
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  it('propagates the incoming correlation id and trace to the upstream', async () => {
    const res = await fetch(`${running.url}/process/test/v1/echo`, {
      headers: {
        'x-correlation-id': 'end-to-end-1',
        traceparent: '00-11111111111111111111111111111111-2222222222222222-01',
      },
    });
    const body = (await res.json()) as { correlationId: string; traceparent: string };
    expect(body.correlationId).toBe('end-to-end-1');
    expect(body.traceparent).toMatch(/^00-11111111111111111111111111111111-[0-9a-f]{16}-01$/);
    expect(body.traceparent).not.toContain('2222222222222222');
  });

  it('returns the same client for the same target name', () => {
    const factory = running.app.get(HttpClientFactory);
    expect(factory.get('system-crm')).toBe(running.app.get(CrmClient).http);
    expect(factory.create({ name: 'system-crm', baseUrl: upstreamUrl })).toBe(factory.get('system-crm'));
    expect(() => factory.create({ name: 'system-crm', baseUrl: 'http://elsewhere:1' })).toThrow(/already exists/);
  });

  it('shows the breaker in /health/dependencies and /metrics, and answers 502 then a fast 503 problem', async () => {
    let deps = (await (await fetch(`${running.url}/health/dependencies`)).json()) as {
      dependencies: { name: string; status: string; kind: string }[];
    };
    expect(deps.dependencies).toEqual([
      expect.objectContaining({ name: 'system-crm', status: 'up', kind: 'upstream' }),
    ]);

    status = 500;
    const first = await fetch(`${running.url}/process/test/v1/echo`);
    expect(first.status).toBe(502);
    expect(await first.json()).toMatchObject({
      type: 'https://errors.ps-gateway.dev/bad-gateway',
      dependency: 'system-crm',
    });
    const second = await fetch(`${running.url}/process/test/v1/echo`);
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({
      type: 'https://errors.ps-gateway.dev/upstream-unavailable',
      dependency: 'system-crm',
    });

    const depsRes = await fetch(`${running.url}/health/dependencies`);
    expect(depsRes.status).toBe(200);
    deps = (await depsRes.json()) as typeof deps;
    expect(deps.dependencies[0]).toMatchObject({ name: 'system-crm', status: 'down' });
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${running.url}/metrics`)).text()).toMatch(
      /http_client_circuit_state\{target="system-crm",app="caller"\} 1/,
    );
  });
});
