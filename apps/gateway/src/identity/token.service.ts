import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { IdentityCacheService } from './identity-cache.service';
import { identityConfig } from './identity.config';
import { OAuthClientsService } from './oauth-clients.service';
import { SigningKeysService } from './signing-keys.service';

/** An RFC 6749 section 5.2 error of the token endpoint. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The client-credentials grant: a client's id and secret in, a short-lived ES256 JWT out. */
@Injectable()
export class TokenService {
  constructor(
    private readonly clients: OAuthClientsService,
    private readonly cache: IdentityCacheService,
    private readonly signingKeys: SigningKeysService,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  /**
   * `form` is the form-encoded body; `basic` the decoded Authorization: Basic credentials, if any
   * (RFC 6749 2.3.1: a client uses one method, not both).
   */
  async issue(form: Record<string, unknown>, basic?: { id: string; secret: string }): Promise<TokenResponse> {
    const field = (name: string): string | undefined => {
      const v = form[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'string') throw new OAuthError(400, 'invalid_request', `${name} must appear once`);
      return v;
    };
    const grantType = field('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported (client_credentials only)`,
      );
    }
    const bodyId = field('client_id');
    const bodySecret = field('client_secret');
    if (basic && (bodyId !== undefined || bodySecret !== undefined) && bodyId !== basic.id) {
      throw new OAuthError(
        400,
        'invalid_request',
        'send the client credentials either in Authorization: Basic or in the body, not both',
      );
    }
    const id = basic?.id ?? bodyId;
    const secret = basic?.secret ?? bodySecret;
    if (!id || !secret)
      throw new OAuthError(401, 'invalid_client', 'client authentication is required (client_id and client_secret)');
    const client = await this.clients.authenticate(id, secret);
    if (!client) throw new OAuthError(401, 'invalid_client', 'client authentication failed');
    const consumer = await this.cache.consumer(client.consumerId);
    if (!consumer || consumer.disabled)
      throw new OAuthError(401, 'invalid_client', "the client's consumer is disabled");

    const held = consumer.profile.scopes;
    const requested = field('scope');
    let scopes = held;
    if (requested !== undefined) {
      scopes = [...new Set(requested.split(' ').filter(Boolean))];
      const unknown = scopes.filter((s) => !held.includes(s));
      if (unknown.length) throw new OAuthError(400, 'invalid_scope', `the client may not request ${unknown.join(' ')}`);
      if (scopes.length === 0) throw new OAuthError(400, 'invalid_scope', 'scope is empty');
    }
    const ttl = this.config.tokenTtlSeconds;
    const { token } = await this.signingKeys.sign(
      { scope: scopes.join(' '), client_id: client.clientId },
      { subject: client.consumerId, audience: this.config.tokenAudience, ttlSeconds: ttl },
    );
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') };
  }
}

/** `Authorization: Basic` client credentials, form-urlencoded then base64 (RFC 6749 2.3.1). */
export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) throw new OAuthError(401, 'invalid_client', 'the Authorization header is not valid Basic credentials');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError(401, 'invalid_client', 'the Basic credentials have no colon');
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError(401, 'invalid_client', 'the Basic credentials are not form-urlencoded');
  }
}
