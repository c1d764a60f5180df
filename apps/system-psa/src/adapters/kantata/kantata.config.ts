import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** How system-psa reaches Kantata OX (or the bundled sandbox, the default). */
export class KantataConfig {
  /** Origin of the API and the token endpoint (`<url>/api/v1`, `<url>/oauth/token`). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  apiUrl: string = 'http://127.0.0.1:9102';

  /** OAuth client id. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  /** OAuth client secret. */
  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** Timeout of one HTTP attempt to Kantata. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 5000;

  /** `per_page` of list calls (Kantata caps it at 200). */
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 200;

  /** Request budget: at most this many Kantata calls per second; more wait their turn (queued, not failed). */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxRequestsPerSecond: number = 20;

  /** Attempts of a create after ambiguous failures (each preceded by an external-reference lookup). */
  @IsInt()
  @Min(1)
  @Max(10)
  createAttempts: number = 3;

  /** `service_name` of the external references that tie Kantata objects to canonical ids. */
  @IsString()
  @MinLength(1)
  referenceServiceName: string = 'ps-gateway';
}

export const kantataConfig = defineConfig('kantata', KantataConfig, (env) => ({
  apiUrl: env.KANTATA_API_URL,
  clientId: env.KANTATA_CLIENT_ID,
  clientSecret: env.KANTATA_CLIENT_SECRET,
  timeoutMs: env.KANTATA_TIMEOUT_MS,
  pageSize: env.KANTATA_PAGE_SIZE,
  maxRequestsPerSecond: env.KANTATA_MAX_REQUESTS_PER_SECOND,
  createAttempts: env.KANTATA_CREATE_ATTEMPTS,
  referenceServiceName: env.KANTATA_REFERENCE_SERVICE_NAME,
}));

export type KantataSettings = ConfigType<typeof kantataConfig>;
