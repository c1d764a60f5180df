import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An issued access token (stored as its SHA-256, never in clear). */
@Entity({ name: 'oauth_tokens' })
export class KantataOAuthTokenEntity {
  /** Hex SHA-256 of the access token. */
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255 })
  clientId: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Index('idx_kantata_oauth_tokens_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
