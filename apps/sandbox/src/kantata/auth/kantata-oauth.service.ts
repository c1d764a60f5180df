import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MoreThan, Repository } from 'typeorm';
import { KantataApiError, KantataOAuthError } from '../common/kantata-api.error';
import { kantataSandboxConfig, KantataSandboxSettings } from '../kantata-sandbox.config';
import { KantataOAuthTokenEntity } from './oauth-token.entity';

/** The token endpoint's answer (RFC 6749 section 5.1). */
export interface KantataTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  created_at: number;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));
}

@Injectable()
export class KantataOAuthService {
  constructor(
    @InjectRepository(KantataOAuthTokenEntity) private readonly tokens: Repository<KantataOAuthTokenEntity>,
    @Inject(kantataSandboxConfig.KEY) private readonly config: KantataSandboxSettings,
  ) {}

  /** `POST /oauth/token` with `grant_type=client_credentials` (machine access; see the README). */
  async issue(params: Record<string, unknown>, authorization?: string): Promise<KantataTokenResponse> {
    if (params.grant_type !== 'client_credentials') {
      throw new KantataOAuthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
    }
    let clientId = typeof params.client_id === 'string' ? params.client_id : '';
    let clientSecret = typeof params.client_secret === 'string' ? params.client_secret : '';
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (!sameSecret(clientId, this.config.clientId) || !sameSecret(clientSecret, this.config.clientSecret)) {
      throw new KantataOAuthError(
        401,
        'invalid_client',
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      );
    }
    const accessToken = randomBytes(32).toString('hex');
    const issuedAt = new Date();
    await this.tokens.insert({
      tokenHash: sha256(accessToken),
      clientId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + this.config.tokenTtlSeconds * 1000),
    });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.config.tokenTtlSeconds,
      scope: 'user',
      created_at: Math.floor(issuedAt.getTime() / 1000),
    };
  }

  /** Throws Kantata's 401 unless the bearer token is known and unexpired; returns its hash. */
  async verify(authorization: string | undefined): Promise<string> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw KantataApiError.oauth('No OAuth 2 Access Token provided');
    const hash = sha256(match[1]);
    const token = await this.tokens.findOneBy({ tokenHash: hash });
    if (!token) throw KantataApiError.oauth('Invalid OAuth 2 Access Token');
    if (token.expiresAt.getTime() <= Date.now()) throw KantataApiError.oauth('The access token expired');
    return hash;
  }

  /** Test control: every token expires now. */
  async expireAll(): Promise<number> {
    const result = await this.tokens.update({ expiresAt: MoreThan(new Date()) }, { expiresAt: new Date() });
    return result.affected ?? 0;
  }
}
