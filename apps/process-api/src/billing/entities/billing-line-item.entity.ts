import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from './bigint.transformer';

/**
 * The assignment of one billable item to one invoice line, committed before any vendor call. The item is
 * the primary key: an item is billed on one line, once, whatever reruns, retries or concurrent runs do.
 */
@Entity({ name: 'billing_line_items' })
@Index('billing_line_items_line_idx', ['lineId'])
export class BillingLineItemEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ name: 'line_id', type: 'text' })
  lineId: string;

  @Column({ name: 'invoice_id', type: 'text' })
  invoiceId: string;

  /** The item's exact unrounded share of the line, a reduced fraction of minor units (docs/decisions/0004). */
  @Column({ name: 'exact_share', type: 'text' })
  exactShare: string;

  /** Its largest-remainder share of the line amount; the line's allocations add up to its amount. */
  @Column({ name: 'allocated_minor', type: 'bigint', transformer: bigintColumn })
  allocatedMinor: bigint;

  @Column({ name: 'allocated_tax_minor', type: 'bigint', transformer: bigintColumn })
  allocatedTaxMinor: bigint;

  /** The rate-card rate that priced it, and the PSA's rate when that differs (reported, never used). */
  @Column({ name: 'rate_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  rateMinor: bigint | null;

  @Column({ name: 'psa_rate_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  psaRateMinor: bigint | null;
}
