import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A stored answer to a POST with an Idempotency-Key (per API key), replayed for 24 hours. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'api_key', type: 'varchar', length: 200 })
  apiKey: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  /** `POST /v1/invoices`: a key reused on another endpoint is a conflict too. */
  @Column({ type: 'varchar', length: 300 })
  endpoint: string;

  /** SHA-256 of the canonical parameters of the first request. */
  @Column({ name: 'params_hash', type: 'varchar', length: 64 })
  paramsHash: string;

  @Column({ type: 'int' })
  status: number;

  @Column({ type: 'jsonb' })
  body: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
