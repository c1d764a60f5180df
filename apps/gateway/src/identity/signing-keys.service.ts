import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike, SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { seal, unseal } from './credentials';
import { identityConfig } from './identity.config';
import { IdentityEventsService } from './identity-events.service';
import { SigningKeyEntity } from './signing-key.entity';

export const SIGNING_ALG = 'ES256';

interface LoadedKey {
  kid: string;
  active: boolean;
  publicJwk: JWK;
  publicKey: KeyLike | Uint8Array;
  privateKey?: KeyLike | Uint8Array;
  verifyUntil: number | null;
  createdAt: Date;
  retiredAt: Date | null;
}

/** A signing key as the admin API lists it (never the private half). */
export interface SigningKeyView {
  kid: string;
  alg: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  verifyUntil: string | null;
}

/**
 * The gateway's ES256 signing keys: kept in PostgreSQL (the private half sealed when
 * GATEWAY_SIGNING_KEY_SECRET is set, never logged), held in memory by every replica and reloaded on
 * a NOTIFY. One key is active; rotation makes a new one active and keeps the old public key in the
 * JWKS until the last token it signed has expired.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private readonly logger = new Logger(SigningKeysService.name);
  private keys = new Map<string, LoadedKey>();
  private lastReload = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    private readonly events: IdentityEventsService,
  ) {
    events.onChange((change) => {
      if (change.kind === 'signing-keys' || change.kind === 'all') void this.reload().catch(() => undefined);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.signing_keys'))`);
      const active = await tx.count(SigningKeyEntity, { where: { active: true } });
      if (active === 0) await tx.save(SigningKeyEntity, await this.newKey());
    });
    await this.reload();
  }

  /** Signs an access token with the active key (`kid` in the header). */
  async sign(claims: Record<string, unknown>, opts: { subject: string; audience: string; ttlSeconds: number }) {
    const key = [...this.keys.values()].find((k) => k.active && k.privateKey);
    if (!key?.privateKey) throw new Error('no active signing key');
    const jti = randomUUID();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
      .setIssuer(this.config.tokenIssuer)
      .setAudience(opts.audience)
      .setSubject(opts.subject)
      .setIssuedAt()
      .setExpirationTime(`${opts.ttlSeconds}s`)
      .setJti(jti)
      .sign(key.privateKey);
    return { token, jti, kid: key.kid };
  }

  /** The public key of `kid`, reloading once (at most every second) when it is unknown here. */
  async publicKey(kid: string): Promise<KeyLike | Uint8Array | undefined> {
    let key = this.keys.get(kid);
    if (!key && Date.now() - this.lastReload > 1000) {
      await this.reload();
      key = this.keys.get(kid);
    }
    if (!key || (key.verifyUntil !== null && key.verifyUntil <= Date.now())) return undefined;
    return key.publicKey;
  }

  /** The JSON Web Key Set: the active key and every retired key whose tokens may still be presented. */
  jwks(): { keys: JWK[] } {
    const now = Date.now();
    return {
      keys: [...this.keys.values()]
        .filter((k) => k.verifyUntil === null || k.verifyUntil > now)
        .map((k) => ({ ...k.publicJwk, kid: k.kid, alg: SIGNING_ALG, use: 'sig' })),
    };
  }

  list(): SigningKeyView[] {
    return [...this.keys.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((k) => ({
        kid: k.kid,
        alg: SIGNING_ALG,
        active: k.active,
        createdAt: k.createdAt.toISOString(),
        retiredAt: k.retiredAt?.toISOString() ?? null,
        verifyUntil: k.verifyUntil === null ? null : new Date(k.verifyUntil).toISOString(),
      }));
  }

  /** A new active key; the previous one verifies until its last token expires. */
  async rotate(): Promise<SigningKeyView[]> {
    await this.events.transaction(async (tx, changed) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.signing_keys'))`);
      const now = new Date();
      const verifyUntil = new Date(now.getTime() + (this.config.tokenTtlSeconds + 60) * 1000);
      await tx.update(SigningKeyEntity, { active: true }, { active: false, retiredAt: now, verifyUntil });
      await tx.save(SigningKeyEntity, await this.newKey());
      changed({ kind: 'signing-keys' });
    });
    await this.reload();
    this.logger.log({ kid: [...this.keys.values()].find((k) => k.active)?.kid }, 'signing key rotated');
    return this.list();
  }

  private async newKey(): Promise<Partial<SigningKeyEntity>> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = randomUUID();
    return {
      kid,
      alg: SIGNING_ALG,
      publicJwk: (await exportJWK(publicKey)) as unknown as Record<string, unknown>,
      privateJwk: seal(JSON.stringify(await exportJWK(privateKey)), this.config.signingKeySecret),
      active: true,
      retiredAt: null,
      verifyUntil: null,
    };
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await this.db
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('k')
      .where('k.verify_until IS NULL OR k.verify_until > now()')
      .getMany();
    const next = new Map<string, LoadedKey>();
    for (const row of rows) {
      const publicJwk = row.publicJwk as unknown as JWK;
      next.set(row.kid, {
        kid: row.kid,
        active: row.active,
        publicJwk,
        publicKey: await importJWK(publicJwk, SIGNING_ALG),
        privateKey: row.active
          ? await importJWK(JSON.parse(unseal(row.privateJwk, this.config.signingKeySecret)) as JWK, SIGNING_ALG)
          : undefined,
        verifyUntil: row.verifyUntil?.getTime() ?? null,
        createdAt: row.createdAt,
        retiredAt: row.retiredAt,
      });
    }
    this.keys = next;
  }
}
