import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
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

@Module({})
export class PlatformRuntimeModule {
  static register(options: PlatformRuntimeOptions): DynamicModule {
    return {
      module: PlatformRuntimeModule,
      global: true,
      providers: [{ provide: PLATFORM_RUNTIME_OPTIONS, useValue: options }],
      exports: [PLATFORM_RUNTIME_OPTIONS],
    };
  }
}
