import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ISO_DATE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsIsoDate } from '../common/validators';
import { BillingModel, BillingModels } from '../commercial/contract.dto';
import { OpportunityLineItemDto } from './opportunity-line-item.dto';

/** Where a deal stands, vendor-neutral (each CRM adapter maps its own stages onto these). */
export const OpportunityStages = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed-won',
  'closed-lost',
] as const;
export type OpportunityStage = (typeof OpportunityStages)[number];

/** A deal in the CRM: what becomes a contract and a project once it is won. */
@ApiSchema({ name: 'Opportunity' })
export class OpportunityDto extends CanonicalEntityDto {
  /** Deal name as the sales team knows it. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  /** Canonical id of the customer account (absent when the deal has no account yet). */
  @IsOptional()
  @IsIdentifier()
  accountId?: string;

  @ApiProperty({ enum: OpportunityStages, enumName: 'OpportunityStage', example: 'closed-won' })
  @IsIn(OpportunityStages)
  stage: OpportunityStage;

  /** Expected (or, once won, signed) value of the deal; absent when the CRM has no amount. */
  @IsMoney({ optional: true, min: 0 })
  amount?: MoneyDto;

  /** Expected or actual close date. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  closeDate: string;

  /** Code of the firm's legal entity that sells the deal (e.g. `US-01`). */
  @ApiProperty({ example: 'US-01' })
  @IsOptional()
  @IsIdentifier()
  legalEntity?: string;

  @ApiProperty({ enum: BillingModels, enumName: 'BillingModel', example: 'time-and-materials' })
  @IsOptional()
  @IsIn(BillingModels)
  billingModel?: BillingModel;

  /** Identifier of the rate card agreed for time-and-materials work. */
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rateCardId?: string;

  /** Tax profile to invoice under. */
  @IsOptional()
  @IsString()
  @MaxLength(80)
  taxProfile?: string;

  /** Planned start of the engagement. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  startDate?: string;

  /** Planned end of the engagement. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** Budget agreed for the engagement. */
  @IsMoney({ optional: true, min: 0 })
  budget?: MoneyDto;

  /** Project code written back once the project is provisioned. */
  @IsOptional()
  @IsString()
  @MaxLength(80)
  projectCode?: string;

  /** The deal's line items (time by role, milestones); present when one opportunity is read. */
  @ApiProperty({ type: () => [OpportunityLineItemDto], required: false })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OpportunityLineItemDto)
  lineItems?: OpportunityLineItemDto[];
}

/** A list of opportunities. */
@ApiSchema({ name: 'OpportunityList' })
export class OpportunityListDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OpportunityDto)
  items: OpportunityDto[];
}
