import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An ES256 key pair the gateway signs access tokens with. One is active; a retired key's public half
 * stays in the JWKS until `verify_until` (its last token's expiry).
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ type: 'text' })
  alg: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, unknown>;

  /** The private JWK, AES-256-GCM encrypted when GATEWAY_SIGNING_KEY_SECRET is set (`enc:` prefix). */
  @Column({ name: 'private_jwk', type: 'text' })
  privateJwk: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  /** Null while active; then until when tokens it signed may still be presented. */
  @Column({ name: 'verify_until', type: 'timestamptz', nullable: true })
  verifyUntil: Date | null;
}
