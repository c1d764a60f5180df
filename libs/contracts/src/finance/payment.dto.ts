import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TIMESTAMP_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsTimestamp } from '../common/validators';

export const PaymentStatuses = ['pending', 'succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PaymentStatuses)[number];

export const PaymentMethods = ['card', 'bank-transfer', 'direct-debit', 'check', 'other'] as const;
export type PaymentMethod = (typeof PaymentMethods)[number];

/** Money received (or attempted) against one invoice. */
@ApiSchema({ name: 'Payment' })
export class PaymentDto extends CanonicalEntityDto {
  @IsIdentifier()
  invoiceId: string;

  @IsIdentifier()
  customerId: string;

  /** Amount of this payment; always positive (a refund is a status, not a negative payment). */
  @IsMoney({ min: 1 })
  amount: MoneyDto;

  @ApiProperty({ enum: PaymentStatuses, enumName: 'PaymentStatus', example: 'succeeded' })
  @IsIn(PaymentStatuses)
  status: PaymentStatus;

  @ApiProperty({ enum: PaymentMethods, enumName: 'PaymentMethod', example: 'card' })
  @IsIn(PaymentMethods)
  method: PaymentMethod;

  /** When the money was received (succeeded) or the attempt was made. */
  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  occurredAt: string;

  /** Processor's failure code for failed payments, e.g. `card_declined`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  failureCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  failureMessage?: string;
}
