import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
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
import { IsCurrencyCode, IsIdentifier, IsIsoDate, IsMinutes, IsOnOrAfter, IsTimestamp } from '../common/validators';

/** How a contract turns work into invoices. */
export const BillingModels = ['time-and-materials', 'fixed-fee', 'milestone', 'retainer'] as const;
export type BillingModel = (typeof BillingModels)[number];

export const ContractStatuses = ['draft', 'active', 'suspended', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof ContractStatuses)[number];

export const RetainerPeriods = ['monthly', 'quarterly', 'annual'] as const;
export type RetainerPeriod = (typeof RetainerPeriods)[number];

/** Terms of a retainer contract: a recurring fee that buys an amount of time. */
@ApiSchema({ name: 'RetainerTerms' })
export class RetainerTermsDto {
  /** Fee charged every period. */
  @IsMoney({ min: 0 })
  fee: MoneyDto;

  @ApiProperty({ enum: RetainerPeriods, enumName: 'RetainerPeriod', example: 'monthly' })
  @IsIn(RetainerPeriods)
  period: RetainerPeriod;

  /** Minutes of work included in each period's fee; beyond them the rate card applies. */
  @ApiProperty(MINUTES_PROPERTY)
  @IsOptional()
  @IsMinutes()
  includedMinutes?: number;
}

/** A signed change to a contract. Fields left out are unchanged by the amendment. */
@ApiSchema({ name: 'ContractAmendment' })
export class ContractAmendmentDto {
  @IsIdentifier()
  id: string;

  /** 1 for the first amendment, then 2, 3... */
  @IsInt()
  @Min(1)
  sequence: number;

  /** Date from which the amendment applies. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  effectiveDate: string;

  /** What changed, in words. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary: string;

  /** New total contract value (fixed fee or not-to-exceed cap). */
  @IsMoney({ optional: true, min: 0 })
  totalValue?: MoneyDto;

  /** New end date. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** Rate card that applies from the effective date. */
  @IsOptional()
  @IsIdentifier()
  rateCardId?: string;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsOptional()
  @IsTimestamp()
  signedAt?: string;
}

/**
 * The commercial agreement a project is delivered under. Its billing model decides what must be
 * present: time-and-materials needs a rate card, fixed-fee a total value, retainer the retainer
 * terms; milestone contracts bill their milestones' amounts.
 */
@ApiSchema({ name: 'Contract' })
export class ContractDto extends CanonicalEntityDto {
  /** Human contract number, e.g. `C-2025-0042`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  number?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIdentifier()
  customerId: string;

  /** The firm's legal entity that signed the contract and bills under it. */
  @IsIdentifier()
  legalEntityId: string;

  /** Canonical id of the CRM opportunity the contract was won from. */
  @IsOptional()
  @IsIdentifier()
  opportunityId?: string;

  @ApiProperty({ enum: BillingModels, enumName: 'BillingModel', example: 'time-and-materials' })
  @IsIn(BillingModels)
  billingModel: BillingModel;

  @ApiProperty({ enum: ContractStatuses, enumName: 'ContractStatus', example: 'active' })
  @IsIn(ContractStatuses)
  status: ContractStatus;

  /** Contract currency: every amount under the contract is in it. */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  startDate: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('startDate')
  endDate?: string;

  /** Rate card for time billing; required for time-and-materials. */
  @ValidateIf((c: ContractDto) => c.billingModel === 'time-and-materials' || c.rateCardId !== undefined)
  @IsIdentifier()
  rateCardId?: string;

  /** Fixed fee (required for fixed-fee) or not-to-exceed cap (optional otherwise), as amended. */
  @ValidateIf((c: ContractDto) => c.billingModel === 'fixed-fee' || c.totalValue !== undefined)
  @IsMoney({ min: 0, currencyOf: 'currency' })
  totalValue?: MoneyDto;

  /** Required for retainer contracts. */
  @ValidateIf((c: ContractDto) => c.billingModel === 'retainer' || c.retainer !== undefined)
  @IsDefined()
  @ValidateNested()
  @Type(() => RetainerTermsDto)
  retainer?: RetainerTermsDto;

  /** Payment terms in days after the invoice date. */
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays: number;

  /** Signed amendments, oldest first. */
  @ApiProperty({ type: () => [ContractAmendmentDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContractAmendmentDto)
  amendments: ContractAmendmentDto[];
}
