import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AddressDto } from '../common/address.dto';
import { CURRENCY_CODE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsCurrencyCode } from '../common/validators';

/**
 * A company of the firm's group (an ERP subsidiary / company): it employs workers, signs
 * contracts, issues invoices and keeps its own ledger in its functional currency.
 */
@ApiSchema({ name: 'LegalEntity' })
export class LegalEntityDto extends CanonicalEntityDto {
  /** Short code, e.g. `US01`. */
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/)
  code: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** ISO 3166-1 alpha-2 country of incorporation. */
  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Z]{2}$/)
  @IsISO31661Alpha2()
  countryCode: string;

  /** Currency of the entity's books. */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  functionalCurrency: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}
