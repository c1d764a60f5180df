import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { gatewayConfig } from '../gateway.config';
import { ApiKeyEntity } from './api-key.entity';
import { ConsumerEntity } from './consumer.entity';

export interface AuthenticatedConsumer {
  consumerId: string;
  name: string;
  kind: 'internal' | 'partner';
  plan: string;
  keyPrefix: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: 32 random bytes, base64url, with a recognisable prefix. Shown once, stored hashed. */
export function generateApiKey(): string {
  return `psk_${randomBytes(32).toString('base64url')}`;
}

export const DEMO_CONSUMER = 'demo';

@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeyService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoApiKey) await this.ensureKey(DEMO_CONSUMER, this.config.demoApiKey);
  }

  /** Registers `key` for the named internal consumer (idempotent). */
  async ensureKey(consumerName: string, key: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ConsumerEntity)
        .values({ name: consumerName, kind: 'internal', plan: 'internal' })
        .orIgnore()
        .execute();
      const consumer = await tx.findOneByOrFail(ConsumerEntity, { name: consumerName });
      await tx
        .createQueryBuilder()
        .insert()
        .into(ApiKeyEntity)
        .values({
          consumerId: consumer.id,
          prefix: key.slice(0, 12),
          keyHash: hashApiKey(key),
          expiresAt: null,
          revokedAt: null,
        })
        .orIgnore()
        .execute();
    });
    this.logger.log({ consumer: consumerName, keyPrefix: key.slice(0, 12) }, 'API key registered');
  }

  /** The consumer behind a presented key, or undefined when it is unknown, revoked or expired. */
  async authenticate(presented: string): Promise<AuthenticatedConsumer | undefined> {
    if (!presented || presented.length > 256) return undefined;
    const key = await this.db.getRepository(ApiKeyEntity).findOne({
      where: { keyHash: hashApiKey(presented) },
      relations: { consumer: true },
    });
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return undefined;
    return {
      consumerId: key.consumer.id,
      name: key.consumer.name,
      kind: key.consumer.kind,
      plan: key.consumer.plan,
      keyPrefix: key.prefix,
    };
  }
}
