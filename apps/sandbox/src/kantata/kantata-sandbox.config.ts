import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class KantataSandboxConfig {
  /** OAuth client id accepted by the token endpoint (client credentials, or the demo authorization code). */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  /** OAuth client secret. */
  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** Access token lifetime (`expires_in` of the token response). */
  @IsInt()
  @Min(1)
  tokenTtlSeconds: number = 7200;

  /** Requests one token may make per window before 429 with Retry-After. */
  @IsInt()
  @Min(1)
  rateLimitRequests: number = 1200;

  /** Length of the rate-limit window. */
  @IsInt()
  @Min(1)
  @Max(86400)
  rateLimitWindowSeconds: number = 60;

  /**
   * Faults active from the start, as the JSON body of `POST /__sandbox/faults` (empty: none), e.g.
   * `{"status":503,"probability":0.2,"seed":7}`.
   */
  @IsString()
  faults: string = '';
}

export const kantataSandboxConfig = defineConfig('sandboxKantata', KantataSandboxConfig, (env) => ({
  clientId: env.SANDBOX_KANTATA_CLIENT_ID,
  clientSecret: env.SANDBOX_KANTATA_CLIENT_SECRET,
  tokenTtlSeconds: env.SANDBOX_KANTATA_TOKEN_TTL_SECONDS,
  rateLimitRequests: env.SANDBOX_KANTATA_RATE_LIMIT_REQUESTS,
  rateLimitWindowSeconds: env.SANDBOX_KANTATA_RATE_LIMIT_WINDOW_SECONDS,
  faults: env.SANDBOX_KANTATA_FAULTS,
}));

export type KantataSandboxSettings = ConfigType<typeof kantataSandboxConfig>;
