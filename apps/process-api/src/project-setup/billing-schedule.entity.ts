import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the billing model implies, recorded at provisioning for the billing runs to read (no vendor
 * subscriptions): milestones, fixed-fee instalments or retainer drawdowns, each with its date and amount.
 */
@Entity({ name: 'billing_schedule_items' })
@Index('billing_schedule_items_project_seq_uq', ['projectId', 'sequence'], { unique: true })
export class BillingScheduleItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'provisioning_id', type: 'uuid' })
  provisioningId: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ type: 'int' })
  sequence: number;

  /** milestone | instalment | retainer-drawdown */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({
    name: 'amount_minor',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  amountMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** scheduled (billing runs move it on). */
  @Column({ type: 'varchar', length: 16 })
  status: string;
}
