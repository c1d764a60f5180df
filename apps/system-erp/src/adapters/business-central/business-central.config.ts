import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** How system-erp reaches Business Central (or the bundled sandbox, the default). */
export class BusinessCentralConfig {
  /** API origin: `https://api.businesscentral.dynamics.com` for a real tenant. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  apiUrl: string = 'http://127.0.0.1:9104';

  /** Entra ID origin (`https://login.microsoftonline.com`); the token path is `/{tenant}/oauth2/v2.0/token`. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  authUrl: string = 'http://127.0.0.1:9104';

  @IsString()
  @MinLength(1)
  tenantId: string = 'demo-tenant';

  @IsString()
  @MinLength(1)
  environment: string = 'production';

  /** App registration (client) id with the API.ReadWrite.All application permission. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-bc-client';

  @IsString()
  @MinLength(1)
  clientSecret: string = 'demo-bc-secret';

  @IsString()
  @MinLength(1)
  scope: string = 'https://api.businesscentral.dynamics.com/.default';

  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 10_000;

  /** `Prefer: odata.maxpagesize` of list calls. */
  @IsInt()
  @Min(1)
  @Max(20000)
  pageSize: number = 1000;

  /** Requests in flight at most (BC allows 100 per user). */
  @IsInt()
  @Min(1)
  @Max(100)
  concurrency: number = 50;

  /** Requests started per 5 minutes at most (BC: 6,000 per user); more wait. */
  @IsInt()
  @Min(1)
  requestsPer5Minutes: number = 6000;

  /** Attempts of a create after ambiguous failures (each preceded by a lookup). */
  @IsInt()
  @Min(1)
  @Max(10)
  createAttempts: number = 5;

  /**
   * Public URL of `POST /system/erp/v1/webhooks/business-central`, where BC sends change
   * notifications. When set (and ERP_VENDOR=business-central), system-erp subscribes to every mapped
   * company's salesInvoices and keeps the subscriptions renewed. The launcher publishes it.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  notificationUrl?: string;

  /** How often subscriptions are checked (created when missing, renewed when close to expiry). */
  @IsInt()
  @Min(1000)
  subscriptionCheckMs: number = 3_600_000;

  /** Renew a subscription that expires within this (BC subscriptions live three days). */
  @IsInt()
  @Min(60_000)
  subscriptionRenewBeforeMs: number = 24 * 3_600_000;
}

export const businessCentralConfig = defineConfig('businessCentral', BusinessCentralConfig, (env) => ({
  apiUrl: env.BUSINESS_CENTRAL_API_URL,
  authUrl: env.BUSINESS_CENTRAL_AUTH_URL,
  tenantId: env.BUSINESS_CENTRAL_TENANT_ID,
  environment: env.BUSINESS_CENTRAL_ENVIRONMENT,
  clientId: env.BUSINESS_CENTRAL_CLIENT_ID,
  clientSecret: env.BUSINESS_CENTRAL_CLIENT_SECRET,
  scope: env.BUSINESS_CENTRAL_SCOPE,
  timeoutMs: env.BUSINESS_CENTRAL_TIMEOUT_MS,
  pageSize: env.BUSINESS_CENTRAL_PAGE_SIZE,
  createAttempts: env.BUSINESS_CENTRAL_CREATE_ATTEMPTS,
  concurrency: env.BUSINESS_CENTRAL_CONCURRENCY,
  requestsPer5Minutes: env.BUSINESS_CENTRAL_REQUESTS_PER_5_MINUTES,
  notificationUrl: env.BUSINESS_CENTRAL_NOTIFICATION_URL,
  subscriptionCheckMs: env.BUSINESS_CENTRAL_SUBSCRIPTION_CHECK_MS,
  subscriptionRenewBeforeMs: env.BUSINESS_CENTRAL_SUBSCRIPTION_RENEW_BEFORE_MS,
}));

export type BusinessCentralSettings = ConfigType<typeof businessCentralConfig>;
