import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/**
 * Private half of the demo certificate the NetSuite sandbox trusts (EC P-256). A demo key pair for
 * the bundled sandbox only: a real account gets its own certificate (docs/vendors/netsuite.md).
 */
export const DEMO_NETSUITE_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQTuwf8LrDu48a/6J',
  '4R9mERdBbs+iBDzGZ0RAzM6knx6hRANCAAQA5WF35zyKs143LkjWq/soUP2LZhFV',
  '6fpNJyJAmmYDlw8tV06LG04ZevmkjVnUvRsQja2rXy13wacWJaK6Xt6h',
  '-----END PRIVATE KEY-----',
].join('\n');

/** How system-erp reaches NetSuite (or the bundled sandbox, the default). */
export class NetSuiteConfig {
  /** Account REST origin, `https://<accountId>.suitetalk.api.netsuite.com`. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  apiUrl: string = 'http://127.0.0.1:9103';

  /** Token endpoint; `<apiUrl>/services/rest/auth/oauth2/v1/token` when unset. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  tokenUrl?: string;

  /** Client id of the integration record. */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-netsuite-client';

  /** Certificate id shown by the OAuth 2.0 client credentials setup (the JWT `kid`). */
  @IsString()
  @MinLength(1)
  certificateId: string = 'demo-certificate';

  /** PEM private key of the certificate (PKCS#8; `\n` escapes allowed). */
  @IsString()
  @MinLength(1)
  privateKey: string = DEMO_NETSUITE_PRIVATE_KEY;

  /** ES256 for an EC P-256 certificate, PS256 for RSA. */
  @IsIn(['ES256', 'PS256'])
  algorithm: 'ES256' | 'PS256' = 'ES256';

  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 10_000;

  /** Requests in flight to the account at most (NetSuite's concurrency governance: 15 on a standard account, 5 on a developer account); more wait. */
  @IsInt()
  @Min(1)
  @Max(100)
  concurrency: number = 5;

  /** SuiteQL page size (1..1000). */
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize: number = 1000;
}

export const netsuiteConfig = defineConfig('netsuite', NetSuiteConfig, (env) => ({
  apiUrl: env.NETSUITE_API_URL,
  tokenUrl: env.NETSUITE_TOKEN_URL,
  clientId: env.NETSUITE_CLIENT_ID,
  certificateId: env.NETSUITE_CERTIFICATE_ID,
  privateKey: env.NETSUITE_PRIVATE_KEY,
  algorithm: env.NETSUITE_ALGORITHM,
  timeoutMs: env.NETSUITE_TIMEOUT_MS,
  pageSize: env.NETSUITE_PAGE_SIZE,
  concurrency: env.NETSUITE_CONCURRENCY,
}));

export type NetSuiteSettings = ConfigType<typeof netsuiteConfig>;
