import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppDefinition } from '../app-definition';
import { bootstrapApp, RunningApp } from '../bootstrap/bootstrap-app';
import { PlatformModule } from '../platform.module';
import { DependencyRegistry } from './dependency-registry';

@Injectable()
class RegistersDependencies implements OnModuleInit {
  constructor(private readonly registry: DependencyRegistry) {}
  onModuleInit(): void {
    this.registry.register('salesforce', () => ({ status: 'down', detail: 'circuit open' }), { kind: 'vendor' });
    this.registry.register('system-crm', async () => ({ status: 'up' }), { kind: 'upstream' });
    this.registry.register('slowpoke', () => new Promise(() => undefined));
    this.registry.register('thrower', () => {
      throw new Error('exploded');
    });
  }
}

@Module({ imports: [PlatformModule.forApp({ name: 'no-db' })], providers: [RegistersDependencies] })
class NoDbModule {}

const noDb: AppDefinition = { name: 'no-db', module: NoDbModule, portEnv: 'NO_DB_PORT', defaultPort: 0, apis: [] };

describe('health endpoints', () => {
  describe('app without a database', () => {
    let running: RunningApp;
    const saved = process.env.HEALTH_CHECK_TIMEOUT_MS;
    beforeAll(async () => {
      process.env.HEALTH_CHECK_TIMEOUT_MS = '200';
      running = await bootstrapApp(noDb, { port: 0, host: '127.0.0.1', logger: false });
    });
    afterAll(async () => {
      await running?.close();
      if (saved === undefined) delete process.env.HEALTH_CHECK_TIMEOUT_MS;
      else process.env.HEALTH_CHECK_TIMEOUT_MS = saved;
    });

    it('is live and ready', async () => {
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${running.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok' });
    });

    it('reports every dependency with its status, always with HTTP 200', async () => {
      const res = await fetch(`${running.url}/health/dependencies`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        status: string;
        dependencies: { name: string; status: string; detail?: string; kind?: string }[];
      };
      expect(body.status).toBe('degraded');
      expect(body.dependencies).toEqual([
        expect.objectContaining({ name: 'salesforce', status: 'down', detail: 'circuit open', kind: 'vendor' }),
        expect.objectContaining({ name: 'slowpoke', status: 'down', detail: 'check timed out after 200 ms' }),
        expect.objectContaining({ name: 'system-crm', status: 'up', kind: 'upstream' }),
        expect.objectContaining({ name: 'thrower', status: 'down', detail: 'exploded' }),
      ]);
    });
  });

  const databaseUrl = process.env.DATABASE_URL;
  (databaseUrl ? describe : describe.skip)('app with a database', () => {
    @Module({
      imports: [
        PlatformModule.forApp({ name: 'with-db' }),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          entities: [],
          synchronize: false,
          retryAttempts: 0,
          extra: { max: 2 },
        }),
      ],
    })
    class WithDbModule {}
    const withDb: AppDefinition = {
      name: 'with-db',
      module: WithDbModule,
      portEnv: 'WITH_DB_PORT',
      defaultPort: 0,
      apis: [],
    };
    let running: RunningApp;

    beforeAll(async () => {
      running = await bootstrapApp(withDb, { port: 0, host: '127.0.0.1', logger: false });
    });
    afterAll(() => running?.close());

    it('is ready while its database answers, and 503 problem+json once it does not', async () => {
      const ok = await fetch(`${running.url}/health/ready`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });

      await running.app.get(DataSource).destroy();
      const down = await fetch(`${running.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(await down.json()).toMatchObject({
        status: 503,
        type: 'https://errors.ps-gateway.dev/not-ready',
        checks: { database: { status: 'down' } },
      });
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
    });
  });
});
