import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AddressDto } from '../common/address.dto';
import { CURRENCY_CODE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsCurrencyCode, IsIdentifier } from '../common/validators';

/** Whether a customer can be sold to and billed. */
export const CustomerStatuses = ['active', 'on-hold', 'blocked', 'inactive'] as const;
export type CustomerStatus = (typeof CustomerStatuses)[number];

/** A client of the firm: the party contracts are signed with and invoices are sent to. */
@ApiSchema({ name: 'Customer' })
export class CustomerDto extends CanonicalEntityDto {
  /** Trading name. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Registered legal name, when it differs from the trading name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  legalName?: string;

  /** `on-hold` and `blocked` customers get no new projects; `blocked` ones are not invoiced either. */
  @ApiProperty({ enum: CustomerStatuses, enumName: 'CustomerStatus', example: 'active' })
  @IsIn(CustomerStatuses)
  status: CustomerStatus;

  /** The firm's legal entity that contracts with and bills this customer. */
  @IsIdentifier()
  legalEntityId: string;

  /** Currency the customer is invoiced in. */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;

  /** Payment terms in days after the invoice date (net 30 = 30). */
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays: number;

  /** Where invoices are emailed. */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  billingEmail?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  billingAddress?: AddressDto;

  /** VAT / GST / EIN number. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxId?: string;
}
