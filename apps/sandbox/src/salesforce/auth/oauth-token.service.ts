import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { OAuthError, SalesforceApiError } from '../common/salesforce-api.error';
import { salesforceSandboxConfig, SalesforceSandboxSettings } from '../salesforce-sandbox.config';
import { OAuthTokenEntity } from './entities/oauth-token.entity';

/** The demo org and integration user every token belongs to. */
export const SANDBOX_ORG_ID = '00D5g000004SBXAEA4';
export const SANDBOX_USER_ID = '0055g00000A1B2CAAV';

/** Salesforce's token response (client credentials: no refresh token, no expiry field). */
export interface TokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
  signature: string;
  scope: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

@Injectable()
export class OAuthTokenService {
  constructor(
    @InjectRepository(OAuthTokenEntity) private readonly tokens: Repository<OAuthTokenEntity>,
    @Inject(salesforceSandboxConfig.KEY) private readonly config: SalesforceSandboxSettings,
  ) {}

  /** OAuth 2.0 client-credentials flow. */
  async issue(params: Record<string, unknown>, instanceUrl: string): Promise<TokenResponse> {
    const grantType = params.grant_type;
    if (grantType !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
    }
    const clientId = typeof params.client_id === 'string' ? params.client_id : '';
    const clientSecret = typeof params.client_secret === 'string' ? params.client_secret : '';
    if (!sameSecret(clientId, this.config.clientId) || !sameSecret(clientSecret, this.config.clientSecret)) {
      throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
    }
    const accessToken = `${SANDBOX_ORG_ID.slice(0, 15)}!${randomBytes(36).toString('base64url')}`;
    const issuedAt = new Date();
    await this.tokens.insert({
      tokenHash: sha256(accessToken),
      clientId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + this.config.tokenTtlSeconds * 1000),
      revokedAt: null,
    });
    const id = `${instanceUrl}/id/${SANDBOX_ORG_ID}/${SANDBOX_USER_ID}`;
    const issued = String(issuedAt.getTime());
    return {
      access_token: accessToken,
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issued,
      signature: createHmac('sha256', this.config.clientSecret)
        .update(id + issued)
        .digest('base64'),
      scope: 'api',
    };
  }

  /** Throws 401 INVALID_SESSION_ID unless the token is known, unrevoked and unexpired. */
  async verify(accessToken: string | undefined): Promise<void> {
    if (!accessToken) throw SalesforceApiError.invalidSession();
    const found = await this.tokens.exist({
      where: { tokenHash: sha256(accessToken), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
    if (!found) throw SalesforceApiError.invalidSession();
  }

  /** `POST /services/oauth2/revoke`: unknown tokens are ignored, as the spec allows. */
  async revoke(accessToken: string): Promise<void> {
    await this.tokens.update({ tokenHash: sha256(accessToken), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Test control: every session expires now (clients must fetch a new token). */
  async expireAll(): Promise<number> {
    const result = await this.tokens.update({ expiresAt: MoreThan(new Date()) }, { expiresAt: new Date() });
    return result.affected ?? 0;
  }
}
