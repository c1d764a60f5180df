import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One call through the gateway, as the audit and the usage reports see it. */
@Entity({ name: 'audit_records' })
// BRIN on the time column, created by the migration (TypeORM cannot declare an index method).
@Index('audit_records_at_brin', { synchronize: false })
export class AuditRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Null when the caller was not authenticated (the attempt is audited all the same). */
  @Column({ name: 'consumer_id', type: 'text', nullable: true })
  consumerId: string | null;

  @Column({ name: 'consumer_name', type: 'text', nullable: true })
  consumerName: string | null;

  /** `system.crm.v1`; null when no contract declares the call. */
  @Column({ type: 'text', nullable: true })
  contract: string | null;

  /** `system.crm` */
  @Column({ type: 'text', nullable: true })
  product: string | null;

  @Column({ type: 'int', nullable: true })
  version: number | null;

  @Column({ name: 'operation_id', type: 'text', nullable: true })
  operationId: string | null;

  @Column({ type: 'text' })
  method: string;

  /** The path without the query string (queries may carry personal data). */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'int' })
  status: number;

  @Column({ name: 'latency_ms', type: 'real' })
  latencyMs: number;

  @Column({ name: 'bytes_in', type: 'int' })
  bytesIn: number;

  @Column({ name: 'bytes_out', type: 'int' })
  bytesOut: number;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  /** Why the gateway answered itself (`unauthorized`, `validation-failed`, `rate-limited`...); null when forwarded. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;
}
