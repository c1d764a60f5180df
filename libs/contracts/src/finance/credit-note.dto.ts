import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CROSS_REFERENCES_PROPERTY, TIMESTAMP_PROPERTY } from '../common/api-properties';
import type { CrossReferences } from '../common/cross-references';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier } from '../common/validators';

/** Why an invoice is credited (the billing platform's reasons). */
export const CreditNoteReasons = ['duplicate', 'fraudulent', 'order-change', 'product-unsatisfactory'] as const;
export type CreditNoteReason = (typeof CreditNoteReasons)[number];

/**
 * Where the part of a credit that exceeds what is still due goes (a credit on a paid invoice):
 * `customer-balance` (deducted from the customer's next invoices) or `outside` (settled outside the
 * billing platform, e.g. a bank transfer).
 */
export const CreditNoteSettlements = ['customer-balance', 'outside'] as const;
export type CreditNoteSettlement = (typeof CreditNoteSettlements)[number];

/** One credited line: part (or all) of an invoice line, or a custom line. */
@ApiSchema({ name: 'CreditNoteLineInput' })
export class CreditNoteLineInputDto {
  /** Canonical id of the invoice line credited; absent for a custom line (then `description` is required). */
  @IsOptional()
  @IsIdentifier()
  invoiceLineId?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;

  /** Amount credited; the whole line amount when absent (invoice lines only). */
  @IsMoney({ optional: true, min: 1 })
  amount?: MoneyDto;
}

/** A credit note against a finalized invoice: a total `amount`, or `lines`. */
@ApiSchema({ name: 'CreditNoteInput' })
export class CreditNoteInputDto {
  /** Canonical credit note id: the create is safe to repeat with it (else with an Idempotency-Key header). */
  @IsOptional()
  @IsIdentifier()
  id?: string;

  @IsMoney({ optional: true, min: 1 })
  amount?: MoneyDto;

  @ApiProperty({ type: () => [CreditNoteLineInputDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreditNoteLineInputDto)
  lines?: CreditNoteLineInputDto[];

  @ApiProperty({ enum: CreditNoteReasons, enumName: 'CreditNoteReason', required: false })
  @IsOptional()
  @IsIn(CreditNoteReasons)
  reason?: CreditNoteReason;

  /** Text printed on the credit note. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  memo?: string;

  /** Where a credit beyond the amount still due goes (paid invoices); `customer-balance` by default. */
  @ApiProperty({ enum: CreditNoteSettlements, enumName: 'CreditNoteSettlement', required: false })
  @IsOptional()
  @IsIn(CreditNoteSettlements)
  settlement?: CreditNoteSettlement;
}

@ApiSchema({ name: 'CreditNoteLine' })
export class CreditNoteLineDto {
  invoiceLineId?: string;
  description?: string;
  amount: MoneyDto;
}

/** A credit note issued against an invoice at the billing platform. */
@ApiSchema({ name: 'CreditNote' })
export class CreditNoteDto {
  id: string;
  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: CrossReferences;
  invoiceId: string;
  /** The platform's credit note number. */
  number: string;
  @ApiProperty({ enum: ['issued', 'void'] })
  status: 'issued' | 'void';
  amount: MoneyDto;
  /** Part that reduced what was still due on the invoice. */
  prePaymentAmount: MoneyDto;
  /** Part beyond what was due (credited to the customer balance or outside the platform). */
  postPaymentAmount: MoneyDto;
  @ApiProperty({ enum: CreditNoteReasons, enumName: 'CreditNoteReason', required: false })
  reason?: CreditNoteReason;
  memo?: string;
  @ApiProperty({ enum: CreditNoteSettlements, enumName: 'CreditNoteSettlement', required: false })
  settlement?: CreditNoteSettlement;
  @ApiProperty({ type: () => [CreditNoteLineDto] })
  lines: CreditNoteLineDto[];
  @ApiProperty(TIMESTAMP_PROPERTY)
  createdAt: string;
}

@ApiSchema({ name: 'CreditNoteList' })
export class CreditNoteListDto {
  @ApiProperty({ type: () => [CreditNoteDto] })
  items: CreditNoteDto[];
}
