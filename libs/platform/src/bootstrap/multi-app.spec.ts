import { Controller, Get, Logger as NestLogger, Module } from '@nestjs/common';
import { Writable } from 'node:stream';
import { AppDefinition } from '../app-definition';
import { MetricsService } from '../metrics/metrics.service';
import { PlatformModule } from '../platform.module';
import { bootstrapApp, RunningApp } from './bootstrap-app';

class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    cb();
  }
}

function makeApp(name: string, increments: number): AppDefinition {
  @Controller(`system/${name}/v1/work`)
  class WorkController {
    private readonly log = new NestLogger('WorkController');
    constructor(private readonly metrics: MetricsService) {}

    @Get()
    work(): { ok: true } {
      this.metrics.counter('business_things_total', 'Things done', ['kind']).inc({ kind: 'x' }, increments);
      this.log.log(`working in ${name}`);
      return { ok: true };
    }
  }

  @Module({ imports: [PlatformModule.forApp({ name })], controllers: [WorkController] })
  class AppModule {}

  return { name, module: AppModule, portEnv: `${name.toUpperCase()}_PORT`, defaultPort: 0, apis: [] };
}

describe('several apps in one process', () => {
  const alpha = makeApp('alpha', 1);
  const beta = makeApp('beta', 5);
  const sinkA = new LogSink();
  const sinkB = new LogSink();
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    process.env.BETA_PORT = '0';
    a = await bootstrapApp(alpha, { port: 0, host: '127.0.0.1', logLevel: 'info', logDestination: sinkA });
    b = await bootstrapApp(beta, { host: '127.0.0.1', logLevel: 'info', logDestination: sinkB });
  });
  afterAll(async () => {
    delete process.env.BETA_PORT;
    await Promise.all([a?.close(), b?.close()]);
  });

  it('listen on different ports (port from env[def.portEnv] too)', () => {
    expect(a.url).not.toBe(b.url);
    expect(a.name).toBe('alpha');
    expect(b.name).toBe('beta');
  });

  it('keep one metrics registry per app: the same metric name never collides', async () => {
    await fetch(`${a.url}/system/alpha/v1/work`);
    await fetch(`${b.url}/system/beta/v1/work`);
    await fetch(`${b.url}/system/beta/v1/work`);
    expect(a.app.get(MetricsService).registry).not.toBe(b.app.get(MetricsService).registry);
    const textA = await (await fetch(`${a.url}/metrics`)).text();
    const textB = await (await fetch(`${b.url}/metrics`)).text();
    expect(textA).toMatch(/business_things_total\{kind="x",app="alpha"\} 1\n/);
    expect(textB).toMatch(/business_things_total\{kind="x",app="beta"\} 10\n/);
    expect(textA).toContain('process_resident_memory_bytes');
    expect(textB).toContain('process_resident_memory_bytes');
    expect(textA).not.toContain('/system/beta/');
  });

  it("label each log line with its own app, even through Nest's process-wide static Logger", async () => {
    await fetch(`${a.url}/system/alpha/v1/work`, { headers: { 'x-correlation-id': 'multi-a' } });
    await fetch(`${b.url}/system/beta/v1/work`, { headers: { 'x-correlation-id': 'multi-b' } });
    await new Promise((r) => setTimeout(r, 20));
    const all = [...sinkA.lines, ...sinkB.lines];
    const lineA = all.find((l) => l.msg === 'working in alpha' && l.correlationId === 'multi-a');
    const lineB = all.find((l) => l.msg === 'working in beta' && l.correlationId === 'multi-b');
    expect(lineA).toMatchObject({ app: 'alpha', correlationId: 'multi-a', context: 'WorkController' });
    expect(lineB).toMatchObject({ app: 'beta', correlationId: 'multi-b' });
    expect(sinkA.lines.filter((l) => l.msg === 'request completed').every((l) => l.app === 'alpha')).toBe(true);
    expect(sinkB.lines.filter((l) => l.msg === 'request completed').every((l) => l.app === 'beta')).toBe(true);
  });

  it('close cleanly, one without affecting the other, and idempotently', async () => {
    const extra = await bootstrapApp(makeApp('gamma', 1), { port: 0, host: '127.0.0.1', logger: false });
    const url = extra.url;
    await extra.close();
    await extra.close();
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    expect((await fetch(`${a.url}/health/live`)).status).toBe(200);
  });
});
