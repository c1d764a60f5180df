import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/** How system-hris reaches Workday (or the bundled sandbox, the default). */
export class WorkdayConfig {
  /** Workday host serving `/ccx/...` (e.g. https://wd2-impl-services1.workday.com). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  apiUrl: string = 'http://127.0.0.1:9106';

  /** Tenant name in every path. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'tenant must be 1 to 64 letters, digits, _ or -' })
  tenant: string = 'demo_firm';

  /** API client id (Register API Client for Integrations). */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** The integration system user's non-expiring refresh token. */
  @IsString()
  @MinLength(1)
  refreshToken: string = 'demo-refresh-token';

  /** Owner of the worker report (`customreport2/{tenant}/{owner}/{report}`). */
  @IsString()
  @MinLength(1)
  reportOwner: string = 'ISU_Integrations';

  @IsString()
  @MinLength(1)
  reportName: string = 'Worker_Sync';

  /** Timeout of one HTTP attempt. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 5000;

  /**
   * Lifetime assumed for an access token (Workday's token response carries no expiry: the tenant's
   * session timeout). Renewed a minute before (half the lifetime when shorter); a 401 renews it at once.
   */
  @IsInt()
  @Min(1)
  tokenTtlSeconds: number = 3600;

  /**
   * Request budget towards Workday: at most this many requests start per second (plus a burst), the
   * rest queue rather than provoke a 429; 0 = no budget.
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  maxRequestsPerSecond: number = 20;

  /** Requests that may start at once within the budget. */
  @IsInt()
  @Min(1)
  @Max(1000)
  requestBurst: number = 5;

  /** `limit` of each REST workers page (Workday allows at most 100). */
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 100;
}

export const workdayConfig = defineConfig('workday', WorkdayConfig, (env) => ({
  apiUrl: env.WORKDAY_API_URL,
  tenant: env.WORKDAY_TENANT,
  clientId: env.WORKDAY_CLIENT_ID,
  clientSecret: env.WORKDAY_CLIENT_SECRET,
  refreshToken: env.WORKDAY_REFRESH_TOKEN,
  reportOwner: env.WORKDAY_REPORT_OWNER,
  reportName: env.WORKDAY_REPORT_NAME,
  timeoutMs: env.WORKDAY_TIMEOUT_MS,
  tokenTtlSeconds: env.WORKDAY_TOKEN_TTL_SECONDS,
  pageSize: env.WORKDAY_PAGE_SIZE,
  maxRequestsPerSecond: env.WORKDAY_MAX_REQUESTS_PER_SECOND,
  requestBurst: env.WORKDAY_REQUEST_BURST,
}));

export type WorkdaySettings = ConfigType<typeof workdayConfig>;
