import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class BusinessCentralSandboxConfig {
  /** Entra tenant id (a GUID or a domain) in the token and API paths. */
  @IsString()
  @MinLength(1)
  tenantId: string = 'demo-tenant';

  /** Environment name in the API path (`production`, `sandbox`, ...). */
  @IsString()
  @MinLength(1)
  environment: string = 'production';

  /** App registration (client) id accepted by the client-credentials grant. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-bc-client';

  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-bc-secret';

  /** Access token lifetime (Entra: about an hour). */
  @IsInt()
  @Min(1)
  tokenTtlSeconds: number = 3599;

  /** Requests a client may make per `rateWindowSeconds` before 429 (BC: 6,000 per 5 minutes). */
  @IsInt()
  @Min(1)
  rateLimit: number = 6000;

  @IsInt()
  @Min(1)
  @Max(3600)
  rateWindowSeconds: number = 300;

  /** Page size when the client sends no `Prefer: odata.maxpagesize` (BC: 20,000). */
  @IsInt()
  @Min(1)
  @Max(20000)
  maxPageSize: number = 20000;

  /** A fault active from the start, as JSON (same shape as `POST /__sandbox/faults`); empty for none. */
  @IsString()
  faults: string = '';
}

export const businessCentralSandboxConfig = defineConfig(
  'sandboxBusinessCentral',
  BusinessCentralSandboxConfig,
  (env) => ({
    faults: env.SANDBOX_BUSINESS_CENTRAL_FAULTS,
    tenantId: env.SANDBOX_BUSINESS_CENTRAL_TENANT_ID,
    environment: env.SANDBOX_BUSINESS_CENTRAL_ENVIRONMENT,
    clientId: env.SANDBOX_BUSINESS_CENTRAL_CLIENT_ID,
    clientSecret: env.SANDBOX_BUSINESS_CENTRAL_CLIENT_SECRET,
    tokenTtlSeconds: env.SANDBOX_BUSINESS_CENTRAL_TOKEN_TTL_SECONDS,
    rateLimit: env.SANDBOX_BUSINESS_CENTRAL_RATE_LIMIT,
    rateWindowSeconds: env.SANDBOX_BUSINESS_CENTRAL_RATE_WINDOW_SECONDS,
    maxPageSize: env.SANDBOX_BUSINESS_CENTRAL_MAX_PAGE_SIZE,
  }),
);

export type BusinessCentralSandboxSettings = ConfigType<typeof businessCentralSandboxConfig>;
