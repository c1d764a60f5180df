import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CURRENCY_CODE_PROPERTY,
  ISO_DATE_PROPERTY,
  MINUTES_PROPERTY,
  TIMESTAMP_PROPERTY,
} from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import {
  AllAmountsInCurrencyOf,
  IsCurrencyCode,
  IsIdentifier,
  IsIsoDate,
  IsMinutes,
  IsOnOrAfter,
  IsTimestamp,
} from '../common/validators';
import { ConsistentInvoiceTotals } from './invoice-totals';

export const InvoiceStatuses = ['draft', 'finalized', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof InvoiceStatuses)[number];

/** What an invoice line bills, which decides what it must trace back to. */
export const InvoiceLineKinds = ['time', 'milestone', 'expense', 'fixed-fee', 'retainer', 'adjustment'] as const;
export type InvoiceLineKind = (typeof InvoiceLineKinds)[number];

/**
 * One line of an invoice, traceable to its source: every line names its contract; a `time` line
 * names the approved time entries and the rate-card version that priced them, a `milestone` line
 * its milestone, an `expense` line its expenses.
 */
@ApiSchema({ name: 'InvoiceLine' })
export class InvoiceLineDto {
  @IsIdentifier()
  id: string;

  @ApiProperty({ enum: InvoiceLineKinds, enumName: 'InvoiceLineKind', example: 'time' })
  @IsIn(InvoiceLineKinds)
  kind: InvoiceLineKind;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  /** Contract the line is billed under. */
  @IsIdentifier()
  contractId: string;

  /** Rate-card version that priced the line; required for `time` lines. */
  @ValidateIf((l: InvoiceLineDto) => l.kind === 'time' || l.rateCardVersionId !== undefined)
  @IsIdentifier()
  rateCardVersionId?: string;

  /** Time entries billed by the line; required and non-empty for `time` lines. */
  @ApiProperty({ type: [String] })
  @ValidateIf((l: InvoiceLineDto) => l.kind === 'time' || l.timeEntryIds !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @IsIdentifier({ each: true })
  timeEntryIds?: string[];

  /** Milestone billed by the line; required for `milestone` lines. */
  @ValidateIf((l: InvoiceLineDto) => l.kind === 'milestone' || l.milestoneId !== undefined)
  @IsIdentifier()
  milestoneId?: string;

  /** Expenses re-billed by the line; required and non-empty for `expense` lines. */
  @ApiProperty({ type: [String] })
  @ValidateIf((l: InvoiceLineDto) => l.kind === 'expense' || l.expenseIds !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @IsIdentifier({ each: true })
  expenseIds?: string[];

  /** Role the time was billed as (time lines). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  /** Minutes billed (time lines): the sum of the time entries' minutes. */
  @ApiProperty(MINUTES_PROPERTY)
  @IsOptional()
  @IsMinutes()
  quantityMinutes?: number;

  /** Hourly rate applied (time lines), from the rate-card version. */
  @IsMoney({ optional: true, min: 0 })
  unitPrice?: MoneyDto;

  /** Line amount before tax; negative for credits and discounts. */
  @IsMoney()
  amount: MoneyDto;
}

/**
 * An invoice as composed by the billing platform and posted to the ERP. All amounts are in the
 * invoice currency; subtotal = sum of line amounts, total = subtotal + tax, amountDue = total -
 * amountPaid.
 */
@ApiSchema({ name: 'Invoice' })
export class InvoiceDto extends CanonicalEntityDto {
  /** Invoice number, assigned when the invoice is finalized. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  number?: string;

  @IsIdentifier()
  customerId: string;

  /** The firm's legal entity issuing the invoice. */
  @IsIdentifier()
  legalEntityId: string;

  @IsIdentifier()
  contractId: string;

  @IsOptional()
  @IsIdentifier()
  projectId?: string;

  @ApiProperty({ enum: InvoiceStatuses, enumName: 'InvoiceStatus', example: 'finalized' })
  @IsIn(InvoiceStatuses)
  status: InvoiceStatus;

  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;

  /** Invoice date; set once finalized. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  issueDate?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('issueDate')
  dueDate?: string;

  /** First day of the billed period. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  periodStart?: string;

  /** Last day of the billed period (inclusive). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('periodStart')
  periodEnd?: string;

  @ApiProperty({ type: () => [InvoiceLineDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  @AllAmountsInCurrencyOf('currency')
  lines: InvoiceLineDto[];

  /** Sum of the line amounts. */
  @IsMoney({ currencyOf: 'currency' })
  subtotal: MoneyDto;

  @IsMoney({ min: 0, currencyOf: 'currency' })
  tax: MoneyDto;

  /** subtotal + tax. */
  @IsMoney({ currencyOf: 'currency' })
  @ConsistentInvoiceTotals()
  total: MoneyDto;

  @IsMoney({ min: 0, currencyOf: 'currency' })
  amountPaid: MoneyDto;

  /** total - amountPaid. */
  @IsMoney({ currencyOf: 'currency' })
  amountDue: MoneyDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsOptional()
  @IsTimestamp()
  finalizedAt?: string;
}
