import {
  CROSS_REFERENCES_PROPERTY,
  CrossReferences,
  InvoiceStatus,
  InvoiceStatuses,
  MoneyDto,
  TIMESTAMP_PROPERTY,
} from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Where an invoice stands with its payment at the billing platform. */
@ApiSchema({ name: 'InvoicePaymentStatus' })
export class InvoicePaymentStatusDto {
  invoiceId: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: CrossReferences;

  @ApiProperty({ enum: InvoiceStatuses, enumName: 'InvoiceStatus' })
  status: InvoiceStatus;

  /** True once the invoice is paid in full. */
  paid: boolean;

  amountPaid: MoneyDto;

  /** Still to be paid (0 once paid or voided). */
  amountRemaining: MoneyDto;

  /** Payment attempts so far (charges; a bank transfer marked paid counts none). */
  @ApiProperty({ type: 'integer' })
  attemptCount: number;

  /** Paid outside the platform (bank transfer, cheque). */
  paidOutOfBand: boolean;

  @ApiProperty(TIMESTAMP_PROPERTY)
  paidAt?: string;

  @ApiProperty(TIMESTAMP_PROPERTY)
  nextAttemptAt?: string;

  /** Processor's code of the last failed attempt, e.g. `card_declined`. */
  lastFailureCode?: string;

  lastFailureMessage?: string;
}
