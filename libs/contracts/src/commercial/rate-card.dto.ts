import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_CODE_PROPERTY, ISO_DATE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { NoOverlappingVersions } from './rate-cards';
import { AllAmountsInCurrencyOf, IsCurrencyCode, IsIdentifier, IsIsoDate, IsOnOrAfter } from '../common/validators';

/**
 * What the customer is charged per hour for a role. Bill rates live only on rate cards; what a
 * worker costs the firm is a CostRate on the worker, never here.
 */
@ApiSchema({ name: 'BillRate' })
export class BillRateDto {
  /** Role code, e.g. `senior-consultant`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;

  /** Price of one hour of this role, in the rate card's currency. */
  @IsMoney({ min: 0 })
  hourlyRate: MoneyDto;
}

/** One version of a rate card, in force from `effectiveFrom` until `effectiveTo` (exclusive). */
@ApiSchema({ name: 'RateCardVersion' })
export class RateCardVersionDto {
  @IsIdentifier()
  id: string;

  /** 1, 2, 3... A later version never changes an earlier one: invoices cite the version they used. */
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  effectiveFrom: string;

  /** First day the version no longer applies; open-ended when absent. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('effectiveFrom')
  effectiveTo?: string;

  @ApiProperty({ type: () => [BillRateDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BillRateDto)
  billRates: BillRateDto[];
}

/** Bill rates by role, versioned by effective date. Standard or negotiated for one customer. */
@ApiSchema({ name: 'RateCard' })
export class RateCardDto extends CanonicalEntityDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Currency of every rate on the card. */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;

  /** Set for a customer-specific card; absent for a standard card. */
  @IsOptional()
  @IsIdentifier()
  customerId?: string;

  /** Versions of the card; their effective periods must not overlap. */
  @ApiProperty({ type: () => [RateCardVersionDto] })
  @IsArray()
  @ArrayNotEmpty()
  @AllAmountsInCurrencyOf('currency')
  @NoOverlappingVersions()
  @ValidateNested({ each: true })
  @Type(() => RateCardVersionDto)
  versions: RateCardVersionDto[];
}
