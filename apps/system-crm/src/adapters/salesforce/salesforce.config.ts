import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/** How system-crm reaches Salesforce (or the bundled sandbox, the default). */
export class SalesforceConfig {
  /** Where the OAuth token endpoint lives (`<loginUrl>/services/oauth2/token`). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  loginUrl: string = 'http://127.0.0.1:9101';

  /** Connected-app consumer key. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-client';

  /** Connected-app consumer secret. */
  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-secret';

  /** REST API version, e.g. v60.0. */
  @Matches(/^v\d{2}\.0$/, { message: 'apiVersion must look like v60.0' })
  apiVersion: string = 'v60.0';

  /** Timeout of one HTTP attempt to Salesforce. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 5000;

  /**
   * Session lifetime assumed for a token (Salesforce's token response carries no expiry: this is the
   * org's session timeout). The token is renewed a minute before; a 401 renews it at once anyway.
   */
  @IsInt()
  @Min(60)
  sessionTtlSeconds: number = 7200;

  /** Corporate currency of the org: the currency of amounts when a record carries no CurrencyIsoCode. */
  @Matches(/^[A-Z]{3}$/, { message: 'orgCurrency must be an ISO 4217 code' })
  orgCurrency: string = 'USD';

  /** Retries of a failed call that is safe to repeat (reads, external-id upserts): 5xx, 429, timeouts. */
  @IsInt()
  @Min(0)
  @Max(10)
  retries: number = 3;

  /** Rate budget: calls per second sent to Salesforce; more wait in a queue. */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxRequestsPerSecond: number = 25;

  /** Rate budget: calls in flight at once (Salesforce allows 25 concurrent long-running calls). */
  @IsInt()
  @Min(1)
  @Max(100)
  maxConcurrentRequests: number = 10;

  /** Payment terms of an account or contract without `Payment_Terms_Days__c`. */
  @IsInt()
  @Min(0)
  @Max(365)
  defaultPaymentTermsDays: number = 30;

  /** `Sforce-Query-Options: batchSize=N` (200..2000); Salesforce's default 2000 when unset. */
  @IsOptional()
  @IsInt()
  @Min(200)
  @Max(2000)
  queryBatchSize?: number;
}

export const salesforceConfig = defineConfig('salesforce', SalesforceConfig, (env) => ({
  loginUrl: env.SALESFORCE_LOGIN_URL,
  clientId: env.SALESFORCE_CLIENT_ID,
  clientSecret: env.SALESFORCE_CLIENT_SECRET,
  apiVersion: env.SALESFORCE_API_VERSION,
  timeoutMs: env.SALESFORCE_TIMEOUT_MS,
  sessionTtlSeconds: env.SALESFORCE_SESSION_TTL_SECONDS,
  orgCurrency: env.SALESFORCE_ORG_CURRENCY,
  queryBatchSize: env.SALESFORCE_QUERY_BATCH_SIZE,
  retries: env.SALESFORCE_RETRIES,
  maxRequestsPerSecond: env.SALESFORCE_MAX_REQUESTS_PER_SECOND,
  maxConcurrentRequests: env.SALESFORCE_MAX_CONCURRENT_REQUESTS,
  defaultPaymentTermsDays: env.SALESFORCE_DEFAULT_PAYMENT_TERMS_DAYS,
}));

export type SalesforceSettings = ConfigType<typeof salesforceConfig>;
