import { Body, Controller, Get, Injectable, Module, Post } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { IsInt, IsString, Min } from 'class-validator';
import { AppDefinition } from '../app-definition';
import { NotFoundProblem } from '../errors/problem-error';
import { PlatformModule } from '../platform.module';
import { bootstrapApp, createAppForOpenApi, resolvePort, RunningApp } from './bootstrap-app';

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

@Injectable()
class ConnectsOnStart {
  constructor() {
    throw new Error('must not be instantiated when generating OpenAPI');
  }
}

@Module({
  imports: [PlatformModule.forApp({ name: 'openapi' })],
  controllers: [ThingsController],
  providers: [ConnectsOnStart],
})
class OpenApiModule {}

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
    const res = await fetch(`${running.url}/system/smoke/v1/things/missing`, {
      headers: { 'x-correlation-id': 'smoke-1' },
    });
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

  it('creates the app for OpenAPI tooling without instantiating providers; health and metrics are not documented', async () => {
    const app = await createAppForOpenApi({ ...smokeApp, name: 'openapi', module: OpenApiModule });
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('t').build());
    expect(Object.keys(doc.paths).sort()).toEqual(['/system/smoke/v1/things', '/system/smoke/v1/things/missing']);
    await app.close();
  });

  it('resolves the port: option, then env[def.portEnv], then the default', () => {
    const def = { portEnv: 'X_PORT', defaultPort: 8091 };
    expect(resolvePort(def, 0, { X_PORT: '9000' })).toBe(0);
    expect(resolvePort(def, undefined, { X_PORT: '9000' })).toBe(9000);
    expect(resolvePort(def, undefined, {})).toBe(8091);
    expect(() => resolvePort(def, undefined, { X_PORT: 'http' })).toThrow(
      'Invalid configuration: X_PORT must be a port number',
    );
  });
});
