import { IsIn, IsString, MinLength } from 'class-validator';
import { defineConfig } from '../config/define-config';

export class InternalAuthConfig {
  /**
   * INTERNAL_AUTH: `required` (default) — every call needs the gateway's internal token; `off` — no
   * check (tests of a single app, local tools). Refused with NODE_ENV=production.
   */
  @IsIn(['required', 'off'])
  mode: 'required' | 'off';

  /** GATEWAY_JWKS_URL: where the gateway publishes the public keys its tokens are signed with. */
  @IsString()
  @MinLength(1)
  jwksUrl: string;

  /** GATEWAY_TOKEN_ISSUER: the `iss` the gateway signs with (the same setting as the gateway's). */
  @IsString()
  @MinLength(1)
  issuer: string;
}

export const internalAuthConfig = defineConfig('internalAuth', InternalAuthConfig, (env) => ({
  mode: env.INTERNAL_AUTH ?? 'required',
  jwksUrl: env.GATEWAY_JWKS_URL ?? 'http://127.0.0.1:8080/.well-known/jwks.json',
  issuer: env.GATEWAY_TOKEN_ISSUER ?? 'ps-gateway',
}));
