import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CURRENCY_CODE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsCurrencyCode, IsIdentifier } from '../common/validators';

/** A customer account as the CRM holds it (the sales view of a customer). */
@ApiSchema({ name: 'CrmAccount' })
export class AccountDto extends CanonicalEntityDto {
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  /** Code of the firm's legal entity that owns the relationship (e.g. `DE-01`). */
  @ApiProperty({ example: 'DE-01' })
  @IsOptional()
  @IsIdentifier()
  legalEntity?: string;

  /** Currency the account trades in. */
  @ApiProperty({ ...CURRENCY_CODE_PROPERTY, required: false })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** ISO 3166-1 alpha-2 country the account is billed in. */
  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$', required: false })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  billingCountry?: string;
}
