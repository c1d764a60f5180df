import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ProblemError } from '@app/platform';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { hashSecret } from './credentials';
import { identityConfig } from './identity.config';
import { IdentityCacheService, type CachedConsumer } from './identity-cache.service';
import type { ConsumerIdentity } from './identity';
import { SIGNING_ALG, SigningKeysService } from './signing-keys.service';

/** 401 problem+json naming why the credentials were refused. */
export class UnauthorizedProblem extends ProblemError {
  constructor(
    detail: string,
    /** The scheme the caller used (Bearer or ApiKey), for logs. */
    readonly scheme = 'ApiKey',
  ) {
    super({ status: 401, type: 'unauthorized', title: 'Unauthorized', detail });
  }
}

interface VerifiedToken {
  payload: JWTPayload & { scope?: string; client_id?: string };
  exp: number;
}

const TOKEN_CACHE_MAX = 10_000;
const RESOLVED_KEYS_MAX = 10_000;

interface ResolvedKey {
  identity: ConsumerIdentity;
  /** The identity cache's version when the key was looked up. */
  version: number;
  /** Looked up again after the cache's TTL, like the rows it came from. */
  until: number;
  expiresAt: number | null;
}

/**
 * Turns a presented credential into the consumer's identity, from memory: an API key by its SHA-256,
 * a JWT by its signature (ES256 only, known kid, issuer, audience, expiry) and its client. Used by the
 * passport strategies. The token's scopes are narrowed to what the consumer holds now, so taking a
 * scope away takes effect before the token expires.
 */
@Injectable()
export class CredentialVerifierService {
  /** Tokens whose signature was verified, until they expire (bounded). */
  private readonly verified = new Map<string, VerifiedToken>();
  /**
   * Identities resolved for a presented API key, while no identity change arrived (the cache's
   * version) and at most for the cache's TTL: a known key costs one map look-up instead of a SHA-256,
   * and the same identity object comes back, so what is derived from it (the internal token) is reused.
   * Process memory only, like the presented key itself; bounded.
   */
  private readonly resolvedKeys = new Map<string, ResolvedKey>();

  constructor(
    private readonly cache: IdentityCacheService,
    private readonly signingKeys: SigningKeysService,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  async apiKey(presented: string): Promise<ConsumerIdentity> {
    const now = Date.now();
    const resolved = this.resolvedKeys.get(presented);
    if (
      resolved &&
      resolved.version === this.cache.version &&
      resolved.until > now &&
      (resolved.expiresAt === null || resolved.expiresAt > now)
    ) {
      return resolved.identity;
    }
    if (presented.length < 16 || presented.length > 256) {
      throw new UnauthorizedProblem('The API key is not valid (unknown, revoked or expired).');
    }
    const version = this.cache.version;
    const key = await this.cache.key(hashSecret(presented));
    if (!key) throw new UnauthorizedProblem('The API key is not valid (unknown, revoked or expired).');
    if (key.revoked) throw new UnauthorizedProblem(`The API key ${key.prefix}… has been revoked.`);
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) {
      throw new UnauthorizedProblem(`The API key ${key.prefix}… has expired.`);
    }
    const consumer = await this.activeConsumer(key.consumerId);
    const identity: ConsumerIdentity = {
      ...consumer.profile,
      credential: { type: 'api-key', keyId: key.keyId, keyPrefix: key.prefix },
    };
    if (this.resolvedKeys.size >= RESOLVED_KEYS_MAX) this.resolvedKeys.clear();
    this.resolvedKeys.set(presented, {
      identity,
      version,
      until: now + this.config.cacheTtlMs,
      expiresAt: key.expiresAt,
    });
    return identity;
  }

  async bearer(token: string): Promise<ConsumerIdentity> {
    const { payload } = await this.verifyToken(token);
    const clientId = payload.client_id;
    const client = typeof clientId === 'string' ? await this.cache.client(clientId) : undefined;
    if (!client || client.revoked || client.consumerId !== payload.sub) {
      throw new UnauthorizedProblem('The token was issued to a client that is no longer valid.', 'Bearer');
    }
    const consumer = await this.activeConsumer(client.consumerId, 'Bearer');
    const granted = new Set(consumer.profile.scopes);
    const scopes = (payload.scope ?? '').split(' ').filter((s) => s && granted.has(s));
    return {
      ...consumer.profile,
      scopes,
      credential: { type: 'jwt', clientId: client.clientId, tokenId: payload.jti ?? '' },
    };
  }

  /** Verifies signature and claims; every refusal names its reason. */
  async verifyToken(token: string): Promise<VerifiedToken> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.exp * 1000 > now) return hit;
      this.verified.delete(token);
      throw new UnauthorizedProblem('The access token has expired.', 'Bearer');
    }
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new UnauthorizedProblem('The access token is malformed (not a compact JWS).', 'Bearer');
    }
    if (header.alg !== SIGNING_ALG) {
      throw new UnauthorizedProblem(
        `Tokens signed with alg ${String(header.alg)} are not accepted (only ES256).`,
        'Bearer',
      );
    }
    if (typeof header.kid !== 'string') throw new UnauthorizedProblem('The access token names no kid.', 'Bearer');
    const key = await this.signingKeys.publicKey(header.kid);
    if (!key) throw new UnauthorizedProblem(`The access token's signing key ${header.kid} is unknown.`, 'Bearer');
    let payload: VerifiedToken['payload'];
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALG],
        issuer: this.config.tokenIssuer,
        audience: this.config.tokenAudience,
        requiredClaims: ['exp', 'sub', 'jti'],
      }));
    } catch (err) {
      throw new UnauthorizedProblem(tokenRefusal(err), 'Bearer');
    }
    const verified = { payload, exp: payload.exp as number };
    if (this.verified.size >= TOKEN_CACHE_MAX) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  private async activeConsumer(consumerId: string, scheme = 'ApiKey'): Promise<CachedConsumer> {
    const consumer = await this.cache.consumer(consumerId);
    if (!consumer) throw new UnauthorizedProblem('The consumer of these credentials no longer exists.', scheme);
    if (consumer.disabled) throw new UnauthorizedProblem(`The consumer ${consumer.profile.name} is disabled.`, scheme);
    return consumer;
  }
}

function tokenRefusal(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'The access token has expired.';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return `The access token's ${err.claim} claim is not valid (${err.reason}).`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is not valid.';
  return 'The access token is not valid.';
}
