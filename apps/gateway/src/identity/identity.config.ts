import { defineConfig } from '@app/platform';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export class IdentityConfig {
  /** GATEWAY_TOKEN_ISSUER: the `iss` of the access tokens the gateway issues. */
  @IsString()
  @MinLength(1)
  tokenIssuer: string = 'ps-gateway';

  /** GATEWAY_TOKEN_AUDIENCE: the `aud` of the access tokens (what the gateway accepts). */
  @IsString()
  @MinLength(1)
  tokenAudience: string = 'ps-gateway';

  /** GATEWAY_TOKEN_TTL_SECONDS: lifetime of an access token (RFC 6749 expires_in is in seconds). */
  @IsInt()
  @Min(30)
  @Max(86400)
  tokenTtlSeconds: number = 300;

  /** GATEWAY_IDENTITY_CACHE_TTL_MS: safety net of the in-memory credential cache (NOTIFY invalidates it at once). */
  @IsInt()
  @Min(100)
  @Max(600000)
  cacheTtlMs: number = 10000;

  /** GATEWAY_KEY_ROTATION_OVERLAP_MINUTES: default time the old key or secret keeps working after a rotation. */
  @IsInt()
  @Min(0)
  @Max(43200)
  rotationOverlapMinutes: number = 60;

  /** REDIS_URL: when set, credential changes also travel over Redis pub/sub (besides PostgreSQL NOTIFY). */
  @IsOptional()
  @IsString()
  redisUrl?: string;

  /** GATEWAY_SIGNING_KEY_SECRET: when set, private signing keys are stored AES-256-GCM encrypted with it. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  signingKeySecret?: string;
}

export const identityConfig = defineConfig('identity', IdentityConfig, (env) => ({
  tokenIssuer: env.GATEWAY_TOKEN_ISSUER,
  tokenAudience: env.GATEWAY_TOKEN_AUDIENCE,
  tokenTtlSeconds: env.GATEWAY_TOKEN_TTL_SECONDS,
  cacheTtlMs: env.GATEWAY_IDENTITY_CACHE_TTL_MS,
  rotationOverlapMinutes: env.GATEWAY_KEY_ROTATION_OVERLAP_MINUTES,
  signingKeySecret: env.GATEWAY_SIGNING_KEY_SECRET,
  redisUrl: env.REDIS_URL,
}));
