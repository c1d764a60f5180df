import {
  CROSS_REFERENCES_PROPERTY,
  IsIdentifier,
  IsIsoDate,
  IsMoney,
  ISO_DATE_PROPERTY,
  MoneyDto,
} from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PsaInvoiceStatus, PsaInvoiceStatuses } from '../../adapters/psa-invoice-adapter';

const ITEM_LIMIT = 5000;

/**
 * An invoice to record in the PSA over approved work: the canonical invoice's `id` (a retry returns the
 * invoice already recorded) and the time entries, expenses and milestones it bills (canonical ids).
 */
@ApiSchema({ name: 'NewPsaInvoice' })
export class CreatePsaInvoiceDto {
  /** Canonical invoice id (the billing run's invoice). */
  @IsIdentifier()
  id: string;

  /** Canonical project id. */
  @IsIdentifier()
  projectId: string;

  /** Invoice number at the billing platform. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  number?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  invoiceDate?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ITEM_LIMIT)
  @IsIdentifier({ each: true })
  timeEntryIds?: string[];

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ITEM_LIMIT)
  @IsIdentifier({ each: true })
  expenseIds?: string[];

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ITEM_LIMIT)
  @IsIdentifier({ each: true })
  milestoneIds?: string[];
}

/** An invoice as the PSA holds it: what it bills and its payment state. */
@ApiSchema({ name: 'PsaInvoice' })
export class PsaInvoiceDto {
  /** Canonical invoice id. */
  @IsIdentifier()
  id: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: Record<string, string>;

  @IsIdentifier()
  projectId: string;

  @IsOptional()
  @IsString()
  number?: string;

  @ApiProperty({ enum: PsaInvoiceStatuses, enumName: 'PsaInvoiceStatus', example: 'partially_paid' })
  @IsIn(PsaInvoiceStatuses)
  status: PsaInvoiceStatus;

  /** What the PSA totals for the billed items (its own rates; the billing platform's total may differ). */
  @IsMoney({ min: 0 })
  total: MoneyDto;

  /** Still due, as last reported by the billing platform or the ERP. */
  @IsMoney({ min: 0 })
  amountRemaining: MoneyDto;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  invoiceDate?: string;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  dueDate?: string;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  paidDate?: string;

  @ApiProperty({ type: [String] })
  timeEntryIds: string[];

  @ApiProperty({ type: [String] })
  expenseIds: string[];

  @ApiProperty({ type: [String] })
  milestoneIds: string[];
}

const SETTABLE = PsaInvoiceStatuses.filter((s) => s !== 'draft');

/**
 * The invoice's payment state: `open`, `partially_paid` (amountRemaining between 0 and the total),
 * `paid` (amountRemaining 0), `overdue` or `voided`. A paid or voided invoice no longer changes (409).
 */
@ApiSchema({ name: 'PsaInvoicePaymentState' })
export class PsaInvoicePaymentStateDto {
  @ApiProperty({ enum: SETTABLE, example: 'partially_paid' })
  @IsIn(SETTABLE)
  status: Exclude<PsaInvoiceStatus, 'draft'>;

  /** Amount still due, in the invoice currency (0 when paid or voided). */
  @IsMoney({ min: 0 })
  amountRemaining: MoneyDto;

  /** Day the invoice was paid in full (status `paid`). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @ValidateIf((s: PsaInvoicePaymentStateDto) => s.paidDate !== undefined)
  @IsIsoDate()
  paidDate?: string;
}

export class PsaInvoiceIdParamDto {
  /** Canonical invoice id. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  id: string;
}
