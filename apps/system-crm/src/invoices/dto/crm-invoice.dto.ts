import {
  CROSS_REFERENCES_PROPERTY,
  CURRENCY_CODE_PROPERTY,
  IsCurrencyCode,
  IsIdentifier,
  IsIsoDate,
  IsMoney,
  ISO_DATE_PROPERTY,
  MoneyDto,
} from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CrmInvoiceStatus, CrmInvoiceStatuses } from '../../adapters/crm-invoice-adapter';

/**
 * An invoice's record on the CRM: under its account (and its contract and opportunity when given),
 * with what is paid and what remains. Amounts in integer minor units of `currency`.
 */
@ApiSchema({ name: 'CrmInvoiceWrite' })
export class CrmInvoiceWriteDto {
  /** Canonical account (customer) id. */
  @IsIdentifier()
  customerId: string;

  /** Canonical opportunity id; when absent, the contract's opportunity. */
  @IsOptional()
  @IsIdentifier()
  opportunityId?: string;

  @IsOptional()
  @IsIdentifier()
  contractId?: string;

  @IsOptional()
  @IsIdentifier()
  projectId?: string;

  /** Invoice number (the billing platform's). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  number?: string;

  @ApiProperty({ enum: CrmInvoiceStatuses, enumName: 'CrmInvoiceStatus', example: 'partially_paid' })
  @IsIn(CrmInvoiceStatuses)
  status: CrmInvoiceStatus;

  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;

  @IsMoney({ min: 0, currencyOf: 'currency' })
  total: MoneyDto;

  @IsMoney({ min: 0, currencyOf: 'currency' })
  amountPaid: MoneyDto;

  @IsMoney({ min: 0, currencyOf: 'currency' })
  amountRemaining: MoneyDto;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  invoiceDate?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  paidDate?: string;
}

@ApiSchema({ name: 'CrmInvoice' })
export class CrmInvoiceDto extends CrmInvoiceWriteDto {
  /** Canonical invoice id (the record's external id). */
  @IsIdentifier()
  id: string;

  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: Record<string, string>;
}

export class CrmInvoiceIdParamDto {
  /** Canonical invoice id. */
  @IsIdentifier()
  id: string;
}
