import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictProblem, NotFoundProblem } from '@app/platform';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { generateApiKey, hashSecret, keyPrefix } from './credentials';
import { identityConfig } from './identity.config';
import { IdentityEventsService } from './identity-events.service';

export { generateApiKey, hashSecret as hashApiKey } from './credentials';

/** An API key as lists show it: never the key, never its hash. */
export interface ApiKeyView {
  keyId: string;
  consumerId: string;
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedFrom: string | null;
  createdAt: string;
}

/** A key just issued: the only time the key itself is shown. */
export interface IssuedApiKey extends ApiKeyView {
  key: string;
}

/** Issues, rotates and revokes API keys; every change is announced to every replica's cache. */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    private readonly events: IdentityEventsService,
  ) {}

  /** A new key for the consumer (`expiresInMinutes` unset: no expiry). */
  async issue(consumerId: string, expiresInMinutes?: number, rotatedFrom?: string): Promise<IssuedApiKey> {
    const key = generateApiKey();
    const row = await this.db.getRepository(ApiKeyEntity).save({
      consumerId,
      prefix: keyPrefix(key),
      keyHash: hashSecret(key),
      expiresAt: expiresInMinutes === undefined ? null : new Date(Date.now() + expiresInMinutes * 60_000),
      revokedAt: null,
      rotatedFrom: rotatedFrom ?? null,
    });
    this.logger.log({ consumerId, keyPrefix: row.prefix }, 'API key issued');
    return { ...toApiKeyView(row), key };
  }

  /**
   * A new key replacing `keyId`; the old one keeps working for `overlapMinutes` (default
   * GATEWAY_KEY_ROTATION_OVERLAP_MINUTES), or less when it expires sooner.
   */
  async rotate(
    consumerId: string,
    keyId: string,
    overlapMinutes = this.config.rotationOverlapMinutes,
    expiresInMinutes?: number,
  ): Promise<{ issued: IssuedApiKey; previous: ApiKeyView }> {
    const old = await this.find(consumerId, keyId);
    if (old.revokedAt) throw new ConflictProblem(`API key ${keyId} is revoked and cannot be rotated`);
    const until = new Date(Date.now() + overlapMinutes * 60_000);
    const expiresAt = old.expiresAt && old.expiresAt < until ? old.expiresAt : until;
    await this.events.transaction(async (tx, changed) => {
      await tx.update(ApiKeyEntity, { id: keyId }, { expiresAt });
      changed({ kind: 'key', id: keyId });
    });
    const issued = await this.issue(consumerId, expiresInMinutes, keyId);
    return { issued, previous: toApiKeyView({ ...old, expiresAt }) };
  }

  /** Revokes a key: every replica refuses it within milliseconds (NOTIFY), at worst after the cache TTL. */
  async revoke(consumerId: string, keyId: string): Promise<ApiKeyView> {
    const old = await this.find(consumerId, keyId);
    const revokedAt = old.revokedAt ?? new Date();
    await this.events.transaction(async (tx, changed) => {
      await tx.update(ApiKeyEntity, { id: keyId, revokedAt: IsNull() }, { revokedAt });
      changed({ kind: 'key', id: keyId });
    });
    this.logger.log({ consumerId, keyPrefix: old.prefix }, 'API key revoked');
    return toApiKeyView({ ...old, revokedAt });
  }

  async list(consumerId: string): Promise<ApiKeyView[]> {
    const rows = await this.db.getRepository(ApiKeyEntity).find({ where: { consumerId }, order: { createdAt: 'ASC' } });
    return rows.map(toApiKeyView);
  }

  /** Registers a known key (the demo key) for a consumer; idempotent. */
  async register(consumerId: string, key: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .insert()
      .into(ApiKeyEntity)
      .values({ consumerId, prefix: keyPrefix(key), keyHash: hashSecret(key), expiresAt: null, revokedAt: null })
      .orIgnore()
      .execute();
  }

  private async find(consumerId: string, keyId: string): Promise<ApiKeyEntity> {
    const row = /^[0-9a-f-]{36}$/i.test(keyId)
      ? await this.db.getRepository(ApiKeyEntity).findOne({ where: { id: keyId, consumerId } })
      : null;
    if (!row) throw new NotFoundProblem(`The consumer has no API key ${keyId}`);
    return row;
  }
}

export function toApiKeyView(row: ApiKeyEntity): ApiKeyView {
  const now = Date.now();
  return {
    keyId: row.id,
    consumerId: row.consumerId,
    prefix: row.prefix,
    status: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : 'active',
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    rotatedFrom: row.rotatedFrom ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
