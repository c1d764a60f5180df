import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ConsumerDto } from './consumer.dto';

/** An API key as lists show it: never the key, never its hash. */
export class ApiKeyDto {
  keyId: string;
  consumerId: string;
  /** The key's first characters, to recognise it. */
  prefix: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status: 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
  revokedAt: string | null;
  /** The key this one replaced by rotation. */
  rotatedFrom: string | null;
  createdAt: string;
}

/** A key just issued: the only time the key itself is shown. */
export class IssuedApiKeyDto extends ApiKeyDto {
  /** The API key: store it now, it is never shown again. */
  key: string;
}

export class RotatedApiKeyDto {
  issued: IssuedApiKeyDto;
  /** The replaced key, valid until its new expiresAt (the overlap window). */
  previous: ApiKeyDto;
}

export class IssueApiKeyDto {
  /** Lifetime in minutes; omitted: no expiry. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5256000)
  expiresInMinutes?: number;
}

export class RotateApiKeyDto extends IssueApiKeyDto {
  /** How long the old key keeps working, in minutes (default GATEWAY_KEY_ROTATION_OVERLAP_MINUTES). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(43200)
  overlapMinutes?: number;
}

export class RotateClientSecretDto {
  /** How long the old secret keeps working, in minutes (default GATEWAY_KEY_ROTATION_OVERLAP_MINUTES). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(43200)
  overlapMinutes?: number;
}

/** An OAuth2 client-credentials client (never its secret). */
export class OAuthClientDto {
  clientId: string;
  consumerId: string;
  @ApiProperty({ enum: ['active', 'revoked'] })
  status: 'active' | 'revoked';
  /** Until when the previous secret still works after a rotation. */
  previousSecretExpiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

/** A client just created or a secret just rotated: the only time the secret is shown. */
export class OAuthClientSecretDto extends OAuthClientDto {
  /** The client secret: store it now, it is never shown again. */
  clientSecret: string;
}

/** A token-signing key (public facts only). */
export class SigningKeyDto {
  kid: string;
  alg: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  /** Until when tokens signed with it are accepted (null while active). */
  verifyUntil: string | null;
}

/** A consumer with its API keys and OAuth clients. */
export class ConsumerDetailDto extends ConsumerDto {
  keys: ApiKeyDto[];
  clients: OAuthClientDto[];
}
