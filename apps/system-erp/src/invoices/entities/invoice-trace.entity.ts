import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line's canonical trace (what it bills), as the caller gave it. */
export interface InvoiceLineTrace {
  kind?: string;
  lineId?: string;
  rateCardVersionId?: string;
  timeEntryIds?: string[];
  milestoneId?: string;
  expenseIds?: string[];
}

/**
 * The canonical trace of an invoice that no ERP has a field for (contract, and per line: kind, time
 * entries, rate-card version, milestone, expenses), keyed by canonical invoice id, whichever ERP.
 */
@Entity({ name: 'invoice_traces' })
export class InvoiceTraceEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'varchar', length: 128 })
  invoiceId: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 128 })
  contractId: string;

  /** By line position (the ERP keeps the order). */
  @Column({ type: 'jsonb' })
  lines: InvoiceLineTrace[];
}
