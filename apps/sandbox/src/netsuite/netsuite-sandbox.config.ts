import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * Public half of the demo certificate (EC P-256) the sandbox trusts for client assertions. Its
 * private half is system-erp's default (a demo key pair: never use it with a real account).
 */
export const DEMO_NETSUITE_PUBLIC_KEY = [
  '-----BEGIN PUBLIC KEY-----',
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAOVhd+c8irNeNy5I1qv7KFD9i2YR',
  'Ven6TSciQJpmA5cPLVdOixtOGXr5pI1Z1L0bEI2tq18td8GnFiWiul7eoQ==',
  '-----END PUBLIC KEY-----',
].join('\n');

export class NetSuiteSandboxConfig {
  /** Client id of the integration record (the `iss` of client assertions). */
  @IsString()
  @MinLength(1)
  clientId: string = 'demo-netsuite-client';

  /** Certificate id of the uploaded public key (the assertion's `kid`). */
  @IsString()
  @MinLength(1)
  certificateId: string = 'demo-certificate';

  /** PEM public key (EC P-256 for ES256, RSA for PS256) that verifies client assertions; `\n` escapes allowed. */
  @IsString()
  @MinLength(1)
  publicKey: string = DEMO_NETSUITE_PUBLIC_KEY;

  /** Access token lifetime (NetSuite: 60 minutes). */
  @IsInt()
  @Min(1)
  @Max(3600)
  tokenTtlSeconds: number = 3600;

  /** Concurrent requests per account before 429 CONCURRENCY_LIMIT_EXCEEDED (15 on a standard account). */
  @IsInt()
  @Min(1)
  concurrencyLimit: number = 15;

  /** SuiteQL: rows per page when `limit` is absent (and the maximum: 1000). */
  @IsInt()
  @Min(1)
  @Max(1000)
  defaultPageSize: number = 1000;

  /** A fault active from the start, as JSON (same shape as `POST /__sandbox/faults`); empty for none. */
  @IsString()
  faults: string = '';
}

export const netsuiteSandboxConfig = defineConfig('sandboxNetsuite', NetSuiteSandboxConfig, (env) => ({
  faults: env.SANDBOX_NETSUITE_FAULTS,
  clientId: env.SANDBOX_NETSUITE_CLIENT_ID,
  certificateId: env.SANDBOX_NETSUITE_CERTIFICATE_ID,
  publicKey: env.SANDBOX_NETSUITE_PUBLIC_KEY,
  tokenTtlSeconds: env.SANDBOX_NETSUITE_TOKEN_TTL_SECONDS,
  concurrencyLimit: env.SANDBOX_NETSUITE_CONCURRENCY_LIMIT,
  defaultPageSize: env.SANDBOX_NETSUITE_PAGE_SIZE,
}));

export type NetSuiteSandboxSettings = ConfigType<typeof netsuiteSandboxConfig>;
