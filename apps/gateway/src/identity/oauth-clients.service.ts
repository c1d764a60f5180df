import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictProblem, NotFoundProblem } from '@app/platform';
import type { DataSource } from 'typeorm';
import { generateClientId, generateClientSecret, hashSecret, sameHash } from './credentials';
import { identityConfig } from './identity.config';
import { IdentityEventsService } from './identity-events.service';
import { OAuthClientEntity } from './oauth-client.entity';

export interface OAuthClientView {
  clientId: string;
  consumerId: string;
  status: 'active' | 'revoked';
  previousSecretExpiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

/** A client just created or a secret just rotated: the only time the secret is shown. */
export interface OAuthClientWithSecret extends OAuthClientView {
  clientSecret: string;
}

/** OAuth2 client-credentials clients of consumers: secrets shown once, stored as SHA-256. */
@Injectable()
export class OAuthClientsService {
  private readonly logger = new Logger(OAuthClientsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    private readonly events: IdentityEventsService,
  ) {}

  async create(consumerId: string): Promise<OAuthClientWithSecret> {
    const clientSecret = generateClientSecret();
    const row = await this.db.getRepository(OAuthClientEntity).save({
      clientId: generateClientId(),
      consumerId,
      secretHash: hashSecret(clientSecret),
      previousSecretHash: null,
      previousSecretExpiresAt: null,
      revokedAt: null,
    });
    this.logger.log({ consumerId, clientId: row.clientId }, 'OAuth client created');
    return { ...toClientView(row), clientSecret };
  }

  /** A new secret; the previous one keeps working for `overlapMinutes`. */
  async rotateSecret(
    consumerId: string,
    clientId: string,
    overlapMinutes = this.config.rotationOverlapMinutes,
  ): Promise<OAuthClientWithSecret> {
    const row = await this.find(consumerId, clientId);
    if (row.revokedAt) throw new ConflictProblem(`OAuth client ${clientId} is revoked`);
    const clientSecret = generateClientSecret();
    const next = {
      secretHash: hashSecret(clientSecret),
      previousSecretHash: row.secretHash,
      previousSecretExpiresAt: new Date(Date.now() + overlapMinutes * 60_000),
    };
    await this.db.getRepository(OAuthClientEntity).update({ clientId }, next);
    return { ...toClientView({ ...row, ...next }), clientSecret };
  }

  /** Revokes the client: its tokens are refused on every replica at once. */
  async revoke(consumerId: string, clientId: string): Promise<OAuthClientView> {
    const row = await this.find(consumerId, clientId);
    const revokedAt = row.revokedAt ?? new Date();
    await this.events.transaction(async (tx, changed) => {
      await tx.update(OAuthClientEntity, { clientId }, { revokedAt });
      changed({ kind: 'client', id: clientId });
    });
    return toClientView({ ...row, revokedAt });
  }

  async list(consumerId: string): Promise<OAuthClientView[]> {
    const rows = await this.db
      .getRepository(OAuthClientEntity)
      .find({ where: { consumerId }, order: { createdAt: 'ASC' } });
    return rows.map(toClientView);
  }

  /** The client when `secret` is its current secret (or the previous one within the overlap), else undefined. */
  async authenticate(clientId: string, secret: string): Promise<OAuthClientEntity | undefined> {
    if (clientId.length > 128 || secret.length > 256) return undefined;
    const row = await this.db.getRepository(OAuthClientEntity).findOne({ where: { clientId } });
    if (!row || row.revokedAt) return undefined;
    const presented = hashSecret(secret);
    if (sameHash(presented, row.secretHash)) return row;
    if (
      row.previousSecretHash &&
      row.previousSecretExpiresAt &&
      row.previousSecretExpiresAt.getTime() > Date.now() &&
      sameHash(presented, row.previousSecretHash)
    ) {
      return row;
    }
    return undefined;
  }

  private async find(consumerId: string, clientId: string): Promise<OAuthClientEntity> {
    const row = await this.db.getRepository(OAuthClientEntity).findOne({ where: { clientId, consumerId } });
    if (!row) throw new NotFoundProblem(`The consumer has no OAuth client ${clientId}`);
    return row;
  }
}

export function toClientView(row: OAuthClientEntity): OAuthClientView {
  return {
    clientId: row.clientId,
    consumerId: row.consumerId,
    status: row.revokedAt ? 'revoked' : 'active',
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
