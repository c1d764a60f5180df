import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import type { AppDefinition } from '../app-definition';
import { loadPlatformConfig } from '../config/platform.config';
import type { Logger as PinoInstance } from 'pino';
import { AppScope } from '../logging/app-scope';
import { APP_PINO } from '../logging/logging.constants';
import { PlatformRuntimeModule, PlatformRuntimeOptions } from './runtime-options';

export interface BootstrapOptions extends PlatformRuntimeOptions {
  /** Port to listen on; 0 picks a free one. Default: env[def.portEnv] ?? def.defaultPort. */
  port?: number;
  /** Interface to listen on. Default: HOST or 0.0.0.0. */
  host?: string;
}

/** One started app. `url` is the real address (with the real port when port 0 was asked). */
export interface RunningApp {
  name: string;
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The Fastify adapter with the platform's server settings (body limit...). */
export function createFastifyAdapter(bodyLimit: number): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit, logger: false, return503OnClosing: true, forceCloseConnections: 'idle' });
}

/** A root module wrapping the app's module with this instance's runtime options. */
function rootModule(def: AppDefinition, options: PlatformRuntimeOptions): Type<unknown> {
  @Module({ imports: [def.module, PlatformRuntimeModule.register(options, def.config)] })
  class AppRoot {}
  Object.defineProperty(AppRoot, 'name', { value: `${def.module.name}Root` });
  return AppRoot;
}

/** The port: explicit option, else env[def.portEnv], else def.defaultPort. */
export function resolvePort(
  def: Pick<AppDefinition, 'portEnv' | 'defaultPort'>,
  port?: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (port !== undefined) return port;
  const raw = env[def.portEnv];
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`Invalid configuration: ${def.portEnv} must be a port number (0-65535)`);
    return n;
  }
  return def.defaultPort;
}

/**
 * Creates the app on Fastify (body limit, correlation, logging, problem+json filter, ValidationPipe,
 * health, metrics: all from PlatformModule, which the app's module imports) and starts listening.
 * Several apps may run in one process, each on its own port. Shutdown hooks stay off: the caller owns
 * signals and calls close(). Configuration errors reject with ConfigError.
 */
export async function bootstrapApp(def: AppDefinition, opts: BootstrapOptions = {}): Promise<RunningApp> {
  const platform = loadPlatformConfig();
  // Validate the app's declared config namespaces before anything connects (a ConfigError raised half way
  // through module creation would leave already opened pools behind).
  for (const load of def.config ?? []) await load();
  const port = resolvePort(def, opts.port);
  const host = opts.host ?? platform.host;
  const { port: _p, host: _h, ...runtime } = opts;
  return AppScope.run(def.name, async () => {
    const app = await NestFactory.create<NestFastifyApplication>(
      rootModule(def, runtime),
      createFastifyAdapter(platform.bodyLimitBytes),
      {
        bufferLogs: true,
        abortOnError: false,
      },
    );
    try {
      app.useLogger(app.get(Logger));
      app.flushLogs();
      await app.listen({ port, host });
    } catch (e) {
      await app.close().catch(() => undefined);
      throw e;
    }
    const address = app.getHttpServer().address() as AddressInfo;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    const url = `http://${shownHost}:${address.port}`;
    app.get<PinoInstance>(APP_PINO).info({ url }, `${def.name} listening on ${url}`);
    let closing: Promise<void> | undefined;
    return {
      name: def.name,
      app,
      url,
      close: () => (closing ??= app.close()),
    };
  });
}

/**
 * The app's Nest application for tooling (OpenAPI generation): the module graph and routes without
 * instantiating providers, connecting databases or listening (Nest preview mode).
 */
export async function createAppForOpenApi(def: AppDefinition): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(def.module, createFastifyAdapter(1024 * 1024), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
}
