import { ProvisioningCompensationDto, ProvisioningStepDto } from '../dto/provisioning-step.dto';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CROSS_REFERENCES_PROPERTY, MoneyDto } from '@app/contracts';
import { PageQueryDto } from '../../common/page-query.dto';

/**
 * v2 of the project-setup API. Breaking changes from v1 (see the portal's changelog):
 * `opportunityId` -> `dealId`, `opportunity` -> `deal`, `deal.accountId` -> `deal.customerId`,
 * `deal.amount` -> `deal.contractValue` (money as `{amountMinor, currency}`, integer minor units),
 * `receivedAt` -> `createdAt`, `status` a string whose values may grow, and `legalEntity` a filter.
 */

/** The won deal a provisioning works from. */
export class ProvisioningDealV2Dto {
  /** Canonical deal (CRM opportunity) id. */
  id: string;
  /** The deal's id in each system it lives in, by lowercase system name. */
  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: Record<string, string>;
  /** Deal name. */
  name: string;
  /** Canonical id of the customer, when the deal has one. */
  customerId?: string;
  /** Signed value of the contract, in integer minor units of its currency. */
  contractValue?: MoneyDto;
  /** Close date (YYYY-MM-DD). */
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  closeDate: string;
}

/** One won deal turned into a project. */
export class ProvisioningV2Dto {
  /** Provisioning id. */
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Canonical id of the won deal (one provisioning per deal). */
  dealId: string;
  /** The firm's legal entity that sells the deal (e.g. `US-01`); null when the CRM did not say. */
  @ApiProperty({ type: String, nullable: true, example: 'US-01' })
  legalEntity: string | null;
  /** Where the provisioning stands: received, in-progress, provisioned, exception, compensating or failed. */
  @ApiProperty({ example: 'received' })
  status: string;
  deal: ProvisioningDealV2Dto;
  /** Id of the `opportunity.closed_won` event that created it. */
  @ApiProperty({ format: 'uuid' })
  sourceEventId: string;
  /** Correlation id of the flow that won the deal (search the logs with it). */
  correlationId: string;
  /** When the process layer recorded the won deal (RFC 3339). */
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** Last change (RFC 3339). */
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  /** Canonical id of the project, once validated. */
  projectId?: string;
  /** The project code every system shows, once validated. */
  projectCode?: string;
  /** The workflow's steps so far, in order, with timestamps, vendor ids and errors. */
  @ApiProperty({ type: [ProvisioningStepDto], required: false })
  steps?: ProvisioningStepDto[];
  /** Why it stopped (exception, failed) or the last technical error being retried. */
  lastError?: string;
  /** When it was provisioned in every system (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  provisionedAt?: string;
  /** After a step failed for good: what was undone in the systems, or could not be, in order. */
  @ApiProperty({ type: [ProvisioningCompensationDto], required: false })
  compensations?: ProvisioningCompensationDto[];
}

/** A page of provisionings, newest first. */
export class ProvisioningV2ListDto {
  items: ProvisioningV2Dto[];
  /** Provisionings matching the filter, all pages together. */
  @ApiProperty({ type: 'integer' })
  total: number;
  @ApiProperty({ type: 'integer' })
  limit: number;
  @ApiProperty({ type: 'integer' })
  offset: number;
}

/** Filter and page of `GET /process/project-setup/v2/provisionings`. */
export class ListProvisioningsV2QueryDto extends PageQueryDto {
  /** Only provisionings in this status. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z-]{0,31}$/, { message: 'status must be a status name such as received' })
  status?: string;

  /** Only provisionings of this legal entity (within those the consumer may see). */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^[A-Z]{2}-\d{2}$/, { message: 'legalEntity must look like US-01' })
  legalEntity?: string;

  /** Only provisionings received at or after this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Only provisionings received before this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Start (or find) the provisioning of one won opportunity. */
export class StartProvisioningRequestDto {
  /** Canonical id of the opportunity, as system-crm knows it (it must be Closed Won). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'opportunityId must be a canonical id (1-100 characters)' })
  opportunityId: string;
}
