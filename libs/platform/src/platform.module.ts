import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ConfigFactory, ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Logger, PARAMS_PROVIDER_TOKEN, Params, PinoLogger } from 'nestjs-pino';
import type { AppDefinition } from './app-definition';
import { PlatformRuntimeOptions } from './bootstrap/runtime-options';
import { PlatformConfig, platformConfig } from './config/platform.config';
import { ProblemFilter } from './errors/problem.filter';
import { DependencyRegistry } from './health/dependency-registry';
import { HealthController } from './health/health.controller';
import { HEALTH_OPTIONS } from './health/health.options';
import { HttpClientFactory } from './http-client/http-client.factory';
import { HttpServerHooks } from './http-server/http-server.hooks';
import { InternalAuthGuard } from './internal-auth/internal-auth.guard';
import { internalAuthConfig } from './internal-auth/internal-auth.config';
import { AppPinoLogger } from './logging/app-pino-logger';
import { createAppLogger } from './logging/create-logger';
import { APP_NAME, APP_PINO, PLATFORM_RUNTIME_OPTIONS } from './logging/logging.constants';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { createValidationPipe } from './validation/validation';

// nestjs-pino keeps the @InjectPinoLogger(context) tokens in a private registry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createProvidersForDecorated } = require('nestjs-pino/InjectPinoLogger') as {
  createProvidersForDecorated: () => Provider[];
};

/** What PlatformModule needs of the app: its definition, or just its name (avoids an import cycle). */
export type PlatformAppRef = Pick<AppDefinition, 'name'> &
  Partial<Pick<AppDefinition, 'config'>> & {
    /**
     * Whether calls must carry the gateway's internal token (default true: every app behind the
     * gateway). false for the gateway itself and the vendor sandboxes.
     */
    internalAuth?: boolean;
  };

/**
 * Everything an app gets from the platform. Import `PlatformModule.forApp(def)` once in the app's root
 * module: config (ConfigModule, global, with the platform's and the definition's namespaces), logging
 * (nestjs-pino), the global problem+json filter and ValidationPipe, correlation, GET /health/live,
 * /health/ready, /health/dependencies, GET /metrics, MetricsService, DependencyRegistry and
 * HttpClientFactory (all global).
 */
@Module({})
export class PlatformModule {
  static forApp(def: PlatformAppRef): DynamicModule {
    if (!def || typeof def.name !== 'string') {
      throw new Error(
        'PlatformModule.forApp(def): def is undefined. This usually is an import cycle between app.definition.ts and app.module.ts; pass { name: "<app>" } instead.',
      );
    }
    const decorated = createProvidersForDecorated();
    const providers: Provider[] = [
      { provide: APP_NAME, useValue: def.name },
      {
        provide: APP_PINO,
        useFactory: (cfg: PlatformConfig, runtime?: PlatformRuntimeOptions) =>
          createAppLogger({
            app: def.name,
            level: runtime?.logger === false ? 'silent' : (runtime?.logLevel ?? cfg.logLevel),
            destination: runtime?.logDestination,
          }),
        inject: [platformConfig.KEY, { token: PLATFORM_RUNTIME_OPTIONS, optional: true }],
      },
      {
        provide: PARAMS_PROVIDER_TOKEN,
        useFactory: (pino: Params['pinoHttp']): Params => ({ pinoHttp: { logger: pino } as Params['pinoHttp'] }),
        inject: [APP_PINO],
      },
      { provide: PinoLogger, useClass: AppPinoLogger },
      Logger,
      ...decorated,
      {
        provide: MetricsService,
        useFactory: (cfg: PlatformConfig) => new MetricsService({ app: def.name, defaultMetrics: cfg.metricsDefault }),
        inject: [platformConfig.KEY],
      },
      DependencyRegistry,
      {
        provide: HEALTH_OPTIONS,
        useFactory: (cfg: PlatformConfig) => ({ timeoutMs: cfg.healthCheckTimeoutMs }),
        inject: [platformConfig.KEY],
      },
      HttpClientFactory,
      HttpServerHooks,
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useFactory: () => createValidationPipe() },
      ...(def.internalAuth === false ? [] : [{ provide: APP_GUARD, useClass: InternalAuthGuard }]),
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          load: [platformConfig, internalAuthConfig, ...((def.config ?? []) as ConfigFactory[])],
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [
        APP_NAME,
        APP_PINO,
        PARAMS_PROVIDER_TOKEN,
        PinoLogger,
        Logger,
        ...decorated.map((p) => (p as { provide: string }).provide),
        MetricsService,
        DependencyRegistry,
        HttpClientFactory,
        ConfigModule,
      ],
    };
  }
}
