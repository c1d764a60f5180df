import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { ConfigNamespace } from '../app-definition';
import type { LogLevel } from '../logging/create-logger';
import { PLATFORM_RUNTIME_OPTIONS } from '../logging/logging.constants';

/** Options bootstrapApp passes down to PlatformModule for one app instance. */
export interface PlatformRuntimeOptions {
  /** false: no log output at all. */
  logger?: boolean;
  /** Overrides LOG_LEVEL for this app. */
  logLevel?: LogLevel;
  /** Where this app's log lines go (default stdout). */
  logDestination?: DestinationStream;
}

/**
 * Global module bootstrapApp adds next to the app's module: the runtime options, and the config
 * namespaces of AppDefinition.config (each validated, injectable anywhere by its KEY).
 */
@Module({})
export class PlatformRuntimeModule {
  static register(options: PlatformRuntimeOptions, config: ConfigNamespace[] = []): DynamicModule {
    const configProviders = config.map((cfg) => ({ provide: cfg.KEY, useFactory: cfg }));
    return {
      module: PlatformRuntimeModule,
      global: true,
      providers: [{ provide: PLATFORM_RUNTIME_OPTIONS, useValue: options }, ...configProviders],
      exports: [PLATFORM_RUNTIME_OPTIONS, ...configProviders.map((p) => p.provide)],
    };
  }
}
