import { defineConfig } from '@app/platform';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** How process-api reaches the system APIs: through the gateway, as its internal consumer `process-api`. */
export class SystemApisConfig {
  /** GATEWAY_URL: the gateway's base URL (the launcher publishes it). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  gatewayUrl: string;

  /** GATEWAY_API_KEY: process-api's service key (the gateway registers it from GATEWAY_SERVICE_KEYS). */
  @IsOptional()
  @IsString()
  @MinLength(16)
  apiKey?: string;

  /** SYSTEM_API_TIMEOUT_MS: one attempt's timeout. */
  @IsInt()
  @Min(100)
  @Max(120000)
  timeoutMs: number;
}

export const systemApisConfig = defineConfig('processSystemApis', SystemApisConfig, (env) => ({
  gatewayUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
  apiKey: env.GATEWAY_API_KEY || undefined,
  timeoutMs: env.SYSTEM_API_TIMEOUT_MS ?? '15000',
}));
