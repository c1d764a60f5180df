import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { AppDefinition } from '../app-definition';
import { NotFoundProblem } from '../errors/problem-error';
import { PlatformModule } from '../platform.module';
import { bootstrapApp, createAppForOpenApi, RunningApp } from './bootstrap-app';

class CreateThingDto {
  @IsString() name: string;
  @IsInt() @Min(1) quantity: number;
}

@Controller('system/smoke/v1/things')
class ThingsController {
  @Get('missing')
  missing(): never {
    throw new NotFoundProblem('thing 42 does not exist');
  }

  @Post()
  create(@Body() dto: CreateThingDto): CreateThingDto {
    return dto;
  }
}

@Module({ imports: [PlatformModule.forApp({ name: 'smoke' })], controllers: [ThingsController] })
class SmokeModule {}

const smokeApp: AppDefinition = { name: 'smoke', module: SmokeModule, portEnv: 'SMOKE_PORT', defaultPort: 0, apis: [] };

describe('bootstrapApp (smoke)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await bootstrapApp(smokeApp, { port: 0, host: '127.0.0.1', logger: false });
  });
  afterAll(() => running?.close());

  it('listens on a real port and answers /health/live', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'up' });
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('serves Prometheus metrics', async () => {
    await fetch(`${running.url}/system/smoke/v1/things/missing`);
    const res = await fetch(`${running.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('route="/system/smoke/v1/things/missing"');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('renders a ProblemError as problem+json with the correlation id', async () => {
    const res = await fetch(`${running.url}/system/smoke/v1/things/missing`, { headers: { 'x-correlation-id': 'smoke-1' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-correlation-id')).toBe('smoke-1');
    expect(await res.json()).toEqual({
      type: 'https://errors.ps-gateway.dev/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'thing 42 does not exist',
      instance: '/system/smoke/v1/things/missing',
      correlationId: 'smoke-1',
    });
  });

  it('validates bodies with the global ValidationPipe', async () => {
    const res = await fetch(`${running.url}/system/smoke/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 3, quantity: 0, extra: true }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['extra', 'name', 'quantity']);
  });

  it('creates the app for OpenAPI tooling without listening', async () => {
    const app = await createAppForOpenApi(smokeApp);
    expect(app).toBeDefined();
    await app.close();
  });
});
