import { Injectable } from '@nestjs/common';
import type { ConsumerIdentity } from '../identity/identity';
import { SigningKeysService } from '../identity/signing-keys.service';

/** How long an internal token is valid, and how long before its expiry the gateway signs a new one. */
export const INTERNAL_TOKEN_TTL_SECONDS = 120;
const RENEW_BEFORE_MS = 60_000;
const MAX_CACHED = 10_000;

/**
 * The short-lived token the gateway signs for each upstream call (ES256 with its signing key, `aud`
 * = the app, `token_use: internal`): the consumer id and name, its scopes and legal entities. Apps
 * behind the gateway verify it against the gateway's JWKS and refuse calls without one. Tokens are
 * reused per consumer identity and app until a minute before they expire, so the hot path signs
 * about once a minute per consumer, not once per request.
 */
@Injectable()
export class InternalTokenService {
  private readonly cache = new Map<string, { token: string; renewAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly byIdentity = new WeakMap<ConsumerIdentity, Map<string, { token: string; renewAt: number }>>();

  private remember(consumer: ConsumerIdentity, app: string, entry: { token: string; renewAt: number }): void {
    let slots = this.byIdentity.get(consumer);
    if (!slots) this.byIdentity.set(consumer, (slots = new Map()));
    slots.set(app, entry);
  }

  constructor(private readonly keys: SigningKeysService) {}

  tokenFor(consumer: ConsumerIdentity, app: string): Promise<string> | string {
    // The identity object is cached per credential: a slot on it answers without building a key.
    const slot = this.byIdentity.get(consumer)?.get(app);
    if (slot && slot.renewAt > Date.now()) return slot.token;
    const key = `${app}\u0000${consumer.consumerId}\u0000${consumer.scopes.join(' ')}\u0000${consumer.legalEntities?.join(',') ?? '*'}`;
    const hit = this.cache.get(key);
    if (hit && hit.renewAt > Date.now()) {
      this.remember(consumer, app, hit);
      return hit.token;
    }
    let signing = this.pending.get(key);
    if (!signing) {
      signing = this.sign(consumer, app).then(
        (token) => {
          if (this.cache.size >= MAX_CACHED) this.cache.clear();
          const entry = { token, renewAt: Date.now() + INTERNAL_TOKEN_TTL_SECONDS * 1000 - RENEW_BEFORE_MS };
          this.cache.set(key, entry);
          this.remember(consumer, app, entry);
          this.pending.delete(key);
          return token;
        },
        (err: unknown) => {
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, signing);
    }
    return signing;
  }

  private async sign(consumer: ConsumerIdentity, app: string): Promise<string> {
    const { token } = await this.keys.sign(
      {
        token_use: 'internal',
        consumer: consumer.name,
        kind: consumer.kind,
        scope: consumer.scopes.join(' '),
        ...(consumer.legalEntities === null ? {} : { legal_entities: consumer.legalEntities }),
      },
      { subject: consumer.consumerId, audience: app, ttlSeconds: INTERNAL_TOKEN_TTL_SECONDS },
    );
    return token;
  }
}
