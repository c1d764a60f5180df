import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** One source of an invoice line: a time entry, expense, milestone or schedule item version. */
@ApiSchema({ name: 'InvoiceLineSource' })
export class InvoiceLineSourceDto {
  /** Billable item id. */
  itemId: string;
  /** time, expense, milestone, fixed-fee, retainer. */
  kind: string;
  /** The PSA id (time entry, expense, milestone) or the billing schedule item id. */
  sourceId: string;
  version: number;
  /** original, revision, reversal. */
  change: string;
  workDate: string;
  @ApiProperty({ type: String, nullable: true })
  workerId: string | null;
  @ApiProperty({ type: Number, nullable: true })
  minutes: number | null;
  @ApiProperty({ type: Number, nullable: true })
  amountMinor: number | null;
  @ApiProperty({ type: String, nullable: true })
  approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;
  /** The event the item came from. */
  sourceEventId: string;
  /** Exact unrounded share of the line, a reduced fraction of minor units (`"3500/3"`). */
  exactShare: string;
  /** Largest-remainder share of the line amount; a line's shares add up to its amount. */
  allocatedMinor: number;
  allocatedTaxMinor: number;
  /** The rate-card rate that priced it (time). */
  @ApiProperty({ type: Number, nullable: true })
  rateMinor: number | null;
  /** The PSA's own rate when it differs (reported, never used). */
  @ApiProperty({ type: Number, nullable: true })
  psaRateMinor: number | null;
}

@ApiSchema({ name: 'InvoiceLineLineage' })
export class InvoiceLineLineageDto {
  id: string;
  sequence: number;
  kind: string;
  description: string;
  @ApiProperty({ type: String, nullable: true })
  role: string | null;
  @ApiProperty({ type: Number, nullable: true })
  minutes: number | null;
  @ApiProperty({ type: Number, nullable: true })
  rateMinor: number | null;
  amountMinor: number;
  taxRateBasisPoints: number;
  taxMinor: number;
  /** The contract the line is billed under. */
  contractId: string;
  @ApiProperty({ type: String, nullable: true })
  rateCardId: string | null;
  /** The rate-card version that priced it. */
  @ApiProperty({ type: String, nullable: true })
  rateCardVersion: string | null;
  /** The contract amendment that set the rate (null: the contract's own rate card). */
  @ApiProperty({ type: String, nullable: true })
  amendmentId: string | null;
  @ApiProperty({ type: () => [InvoiceLineSourceDto] })
  sources: InvoiceLineSourceDto[];
}

/** Where every line of an invoice comes from. */
@ApiSchema({ name: 'InvoiceLineage' })
export class InvoiceLineageDto {
  invoiceId: string;
  runId: string;
  customerId: string;
  projectId: string;
  contractId: string;
  legalEntity: string;
  currency: string;
  periodFrom: string;
  periodTo: string;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  @ApiProperty({ type: () => [InvoiceLineLineageDto] })
  lines: InvoiceLineLineageDto[];
}
