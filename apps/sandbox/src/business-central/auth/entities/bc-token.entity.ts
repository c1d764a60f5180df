import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An issued access token (its SHA-256 only). */
@Entity({ name: 'access_tokens' })
export class BcTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255 })
  clientId: string;

  @Index('idx_bc_access_tokens_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
