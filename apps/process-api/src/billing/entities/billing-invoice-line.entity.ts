import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from './bigint.transformer';
import type { BillableItemKind } from './billable-item.entity';

/** One line of a composed invoice: time aggregated by role, rate and tax rate; an expense, milestone or fee. */
@Entity({ name: 'billing_invoice_lines' })
@Index('billing_invoice_lines_invoice_seq_uq', ['invoiceId', 'sequence'], { unique: true })
export class BillingInvoiceLineEntity {
  /** `<invoice id>-<sequence>`. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'invoice_id', type: 'text' })
  invoiceId: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'varchar', length: 16 })
  kind: BillableItemKind | 'adjustment';

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'int', nullable: true })
  minutes: number | null;

  @Column({ name: 'rate_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  rateMinor: bigint | null;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Column({ name: 'tax_rate_basis_points', type: 'int' })
  taxRateBasisPoints: number;

  @Column({ name: 'tax_minor', type: 'bigint', transformer: bigintColumn })
  taxMinor: bigint;

  @Column({ name: 'contract_id', type: 'text' })
  contractId: string;

  @Column({ name: 'rate_card_id', type: 'text', nullable: true })
  rateCardId: string | null;

  @Column({ name: 'rate_card_version', type: 'text', nullable: true })
  rateCardVersion: string | null;

  @Column({ name: 'amendment_id', type: 'text', nullable: true })
  amendmentId: string | null;
}
