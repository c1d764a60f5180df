import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CROSS_REFERENCES_PROPERTY, TIMESTAMP_PROPERTY } from '../common/api-properties';
import type { CrossReferences } from '../common/cross-references';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsCrossReferences, IsIdentifier, IsTimestamp } from '../common/validators';
import { InvoiceDto } from '../finance/invoice.dto';
import { PaymentDto } from '../finance/payment.dto';

/** `invoice.finalized` (subject `invoice/<id>`): the invoice as finalized, lines and totals included. */
@ApiSchema({ name: 'InvoiceFinalizedData' })
export class InvoiceFinalizedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => InvoiceDto)
  invoice: InvoiceDto;
}

/** `invoice.paid` (subject `invoice/<id>`): the invoice is paid in full. */
@ApiSchema({ name: 'InvoicePaidData' })
export class InvoicePaidData {
  @IsIdentifier()
  invoiceId: string;

  /** The invoice's ids in each system. */
  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  @IsCrossReferences()
  crossReferences: CrossReferences;

  /** The payment that settled the invoice. */
  @IsDefined()
  @ValidateNested()
  @Type(() => PaymentDto)
  payment: PaymentDto;

  /** Total paid on the invoice (equals its total). */
  @IsMoney({ min: 0 })
  amountPaid: MoneyDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  paidAt: string;
}

/**
 * `invoice.partially_paid` (subject `invoice/<id>`): a payment was received and part of the invoice
 * is still due. `amountPaid` + `amountRemaining` = the invoice total; `invoice.paid` follows when the
 * rest arrives.
 */
@ApiSchema({ name: 'InvoicePartiallyPaidData' })
export class InvoicePartiallyPaidData {
  @IsIdentifier()
  invoiceId: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  @IsCrossReferences()
  crossReferences: CrossReferences;

  /** Total paid on the invoice so far. */
  @IsMoney({ min: 1 })
  amountPaid: MoneyDto;

  /** Still due (above zero). */
  @IsMoney({ min: 1 })
  amountRemaining: MoneyDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  paidAt: string;
}

/** `invoice.payment_failed` (subject `invoice/<id>`): a payment attempt failed; the invoice is still due. */
@ApiSchema({ name: 'InvoicePaymentFailedData' })
export class InvoicePaymentFailedData {
  @IsIdentifier()
  invoiceId: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  @IsCrossReferences()
  crossReferences: CrossReferences;

  /** Amount still due. */
  @IsMoney({ min: 0 })
  amountDue: MoneyDto;

  /** Processor's failure code, e.g. `card_declined`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  failureCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  failureMessage?: string;

  /** How many attempts have failed so far. */
  @IsInt()
  @Min(1)
  attemptCount: number;

  /** When the processor will retry, if it will. */
  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsOptional()
  @IsTimestamp()
  nextAttemptAt?: string;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  failedAt: string;
}

/** `invoice.voided` (subject `invoice/<id>`): the invoice is cancelled and no longer due. */
@ApiSchema({ name: 'InvoiceVoidedData' })
export class InvoiceVoidedData {
  @IsIdentifier()
  invoiceId: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  @IsCrossReferences()
  crossReferences: CrossReferences;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  voidedAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** `invoice.posted` (subject `invoice/<id>`): the invoice is booked in the ERP ledger. */
@ApiSchema({ name: 'InvoicePostedData' })
export class InvoicePostedData {
  /** The invoice, its cross-references now including the ERP document id. */
  @IsDefined()
  @ValidateNested()
  @Type(() => InvoiceDto)
  invoice: InvoiceDto;

  /** Ledger system it was posted to (`netsuite`, `business-central`). */
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  ledgerSystem: string;

  /** Id of the posted document in that ledger. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  ledgerDocumentId: string;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  postedAt: string;
}
