import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class WorkdaySandboxConfig {
  /** The tenant name in every path (`/ccx/api/v1/{tenant}/...`); other tenants answer 404. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'tenant must be 1 to 64 letters, digits, _ or -' })
  tenant: string = 'demo_firm';

  /** API client id (Workday's "Register API Client for Integrations"). */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  /** API client secret. */
  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** The non-expiring refresh token issued to the integration system user. */
  @IsString()
  @MinLength(1)
  refreshToken: string = 'demo-refresh-token';

  /** Lifetime of an access token (Workday's default session: one hour). */
  @IsInt()
  @Min(1)
  tokenTtlSeconds: number = 3600;

  /** Requests per second per tenant before 429 with Retry-After (0: no limit). */
  @IsInt()
  @Min(0)
  @Max(100000)
  rateLimitPerSecond: number = 50;

  /** Workers of the seed (300: the demo firm; 2000 for month-end benchmark volume). */
  @IsInt()
  @Min(3)
  @Max(100000)
  seedWorkers: number = 300;

  /** Owner of the pinned custom report (`/customreport2/{tenant}/{owner}/{report}`). */
  @IsString()
  @MinLength(1)
  reportOwner: string = 'ISU_Integrations';

  /** Name of the pinned custom report. */
  @IsString()
  @MinLength(1)
  reportName: string = 'Worker_Sync';
}

export const workdaySandboxConfig = defineConfig('sandboxWorkday', WorkdaySandboxConfig, (env) => ({
  tenant: env.SANDBOX_WORKDAY_TENANT,
  clientId: env.SANDBOX_WORKDAY_CLIENT_ID,
  clientSecret: env.SANDBOX_WORKDAY_CLIENT_SECRET,
  refreshToken: env.SANDBOX_WORKDAY_REFRESH_TOKEN,
  tokenTtlSeconds: env.SANDBOX_WORKDAY_TOKEN_TTL_SECONDS,
  rateLimitPerSecond: env.SANDBOX_WORKDAY_RATE_LIMIT_PER_SECOND,
  seedWorkers: env.SANDBOX_WORKDAY_SEED_WORKERS,
  reportOwner: env.SANDBOX_WORKDAY_REPORT_OWNER,
  reportName: env.SANDBOX_WORKDAY_REPORT_NAME,
}));

export type WorkdaySandboxSettings = ConfigType<typeof workdaySandboxConfig>;
