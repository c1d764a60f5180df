import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/** One Stripe object (customer, invoice item, invoice, credit note, event, webhook endpoint) as JSON. */
@Entity({ name: 'objects' })
@Index('objects_type_seq', ['type', 'seq'])
export class StripeObjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** Stripe's `object` (`customer`, `invoice`...). */
  @Column({ type: 'varchar', length: 40 })
  type: string;

  /** Insertion order: lists are newest first, and `starting_after` pages on it. */
  @Column({ type: 'int', unique: true })
  @Generated('increment')
  seq: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  customer: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  invoice: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  status: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}
