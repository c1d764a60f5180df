import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class SalesforceSandboxConfig {
  /** Connected-app consumer key accepted by the client-credentials flow. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  /** Connected-app consumer secret. */
  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** Session lifetime (Salesforce's session timeout; the token response itself carries no expiry). */
  @IsInt()
  @Min(1)
  tokenTtlSeconds: number = 7200;

  /** API requests allowed per UTC day before 403 REQUEST_LIMIT_EXCEEDED. */
  @IsInt()
  @Min(1)
  dailyLimit: number = 100000;

  /** Query cursors (nextRecordsUrl) expire after this much inactivity, like Salesforce's 15 minutes. */
  @IsInt()
  @Min(1)
  @Max(86400)
  queryCursorTtlSeconds: number = 900;

  /** A fault active from the start, as JSON (same shape as `POST /__sandbox/faults`); empty for none. */
  @IsString()
  faults: string = '';
}

export const salesforceSandboxConfig = defineConfig('sandboxSalesforce', SalesforceSandboxConfig, (env) => ({
  clientId: env.SANDBOX_SALESFORCE_CLIENT_ID,
  clientSecret: env.SANDBOX_SALESFORCE_CLIENT_SECRET,
  tokenTtlSeconds: env.SANDBOX_SALESFORCE_TOKEN_TTL_SECONDS,
  dailyLimit: env.SANDBOX_SALESFORCE_DAILY_LIMIT,
  queryCursorTtlSeconds: env.SANDBOX_SALESFORCE_QUERY_CURSOR_TTL_SECONDS,
  faults: env.SANDBOX_SALESFORCE_FAULTS,
}));

export type SalesforceSandboxSettings = ConfigType<typeof salesforceSandboxConfig>;
