import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { BillingModels, type BillingModel } from '../commercial/contract.dto';
import { CURRENCY_CODE_PROPERTY, ISO_DATE_PROPERTY, MINUTES_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsCurrencyCode, IsIdentifier, IsIsoDate, IsMinutes, IsOnOrAfter } from '../common/validators';

export const ProjectStatuses = ['planned', 'active', 'on-hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof ProjectStatuses)[number];

/** Work delivered for a customer under one contract (a PSA project, an ERP project/job). */
@ApiSchema({ name: 'Project' })
export class ProjectDto extends CanonicalEntityDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Short project code, e.g. `ACME-2025-01`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  code?: string;

  @IsIdentifier()
  customerId: string;

  @IsIdentifier()
  contractId: string;

  /** The firm's legal entity delivering (and booking the revenue of) the project. */
  @IsIdentifier()
  legalEntityId: string;

  /** Billing model, as on the contract. */
  @ApiProperty({ enum: BillingModels, enumName: 'BillingModel', example: 'time-and-materials' })
  @IsIn(BillingModels)
  billingModel: BillingModel;

  @ApiProperty({ enum: ProjectStatuses, enumName: 'ProjectStatus', example: 'active' })
  @IsIn(ProjectStatuses)
  status: ProjectStatus;

  /** Project currency (the contract's). */
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

  /** Worker managing the project. */
  @IsOptional()
  @IsIdentifier()
  projectManagerId?: string;

  /** Fee budget, in the project currency. */
  @IsMoney({ optional: true, min: 0, currencyOf: 'currency' })
  budget?: MoneyDto;

  /** Effort budget in minutes. */
  @ApiProperty(MINUTES_PROPERTY)
  @IsOptional()
  @IsMinutes()
  budgetMinutes?: number;
}
