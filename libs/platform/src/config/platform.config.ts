import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { LOG_LEVELS, LogLevel, defaultLogLevel } from '../logging/create-logger';
import { defineConfig, loadConfig } from './define-config';

/** The platform's own settings (every app). */
export class PlatformConfig {
  /** Largest accepted request body (Fastify bodyLimit). BODY_LIMIT_BYTES, default 1 MiB. */
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  bodyLimitBytes: number = 1024 * 1024;

  /** LOG_LEVEL: fatal|error|warn|info|debug|trace|silent; default info ('warn' under NODE_ENV=test). */
  @IsIn(LOG_LEVELS as unknown as string[])
  logLevel: LogLevel = defaultLogLevel();

  /** HOST to listen on, default 0.0.0.0. */
  @IsString()
  @IsNotEmpty()
  host: string = '0.0.0.0';

  /** HTTP_CLIENT_TIMEOUT_MS: default timeout of an outgoing call attempt. */
  @IsInt()
  @Min(1)
  httpClientTimeoutMs: number = 5000;

  /** HTTP_CLIENT_RETRIES: default number of retries (after the first attempt). */
  @IsInt()
  @Min(0)
  @Max(10)
  httpClientRetries: number = 2;

  /** HTTP_CLIENT_BREAKER_THRESHOLD: consecutive failures that open a circuit. */
  @IsInt()
  @Min(1)
  httpClientBreakerThreshold: number = 5;

  /** HTTP_CLIENT_HALF_OPEN_AFTER_MS: how long an open circuit waits before a trial call. */
  @IsInt()
  @Min(1)
  httpClientHalfOpenAfterMs: number = 10_000;

  /** HTTP_CLIENT_CONNECTIONS: keep-alive connections per target. */
  @IsInt()
  @Min(1)
  httpClientConnections: number = 16;

  /** HEALTH_CHECK_TIMEOUT_MS: bound of each readiness / dependency check. */
  @IsInt()
  @Min(1)
  healthCheckTimeoutMs: number = 2000;

  /** METRICS_DEFAULT: collect the default process metrics. */
  @IsBoolean()
  metricsDefault: boolean = true;
}

const mapEnv = (env: NodeJS.ProcessEnv) => ({
  bodyLimitBytes: env.BODY_LIMIT_BYTES,
  logLevel: env.LOG_LEVEL?.trim().toLowerCase(),
  host: env.HOST,
  httpClientTimeoutMs: env.HTTP_CLIENT_TIMEOUT_MS,
  httpClientRetries: env.HTTP_CLIENT_RETRIES,
  httpClientBreakerThreshold: env.HTTP_CLIENT_BREAKER_THRESHOLD,
  httpClientHalfOpenAfterMs: env.HTTP_CLIENT_HALF_OPEN_AFTER_MS,
  httpClientConnections: env.HTTP_CLIENT_CONNECTIONS,
  healthCheckTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
  metricsDefault: env.METRICS_DEFAULT,
});

/** `@Inject(platformConfig.KEY) cfg: ConfigType<typeof platformConfig>` */
export const platformConfig = defineConfig('platform', PlatformConfig, mapEnv);

/** Loads and validates the platform config now (bootstrapApp does this before creating the app). */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return loadConfig('platform', PlatformConfig, mapEnv, env);
}
