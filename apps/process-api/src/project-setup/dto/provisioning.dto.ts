import { ApiProperty } from '@nestjs/swagger';
import { CROSS_REFERENCES_PROPERTY, MoneyDto } from '@app/contracts';
import { ProvisioningStatus, ProvisioningStatuses } from '../project-setup.constants';
import { ProvisioningCompensationDto, ProvisioningStepDto } from './provisioning-step.dto';

/** The won opportunity as the provisioning received it (the fields project setup works from). */
export class ProvisioningOpportunityDto {
  /** Canonical opportunity id. */
  id: string;
  /** The opportunity's id in each system it lives in, by lowercase system name. */
  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  crossReferences: Record<string, string>;
  /** Deal name. */
  name: string;
  /** Canonical id of the customer account, when the deal has one. */
  accountId?: string;
  /** Signed value of the deal, when the CRM has one. */
  amount?: MoneyDto;
  /** Close date (YYYY-MM-DD). */
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  closeDate: string;
  /** Legal entity selling the deal (e.g. `US-01`), when known. */
  legalEntity?: string;
}

/** One won deal to turn into a project. */
export class ProvisioningDto {
  /** Provisioning id. */
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Canonical id of the won opportunity (one provisioning per opportunity). */
  opportunityId: string;
  /** The firm's legal entity that sells the deal (e.g. `US-01`); null when the CRM did not say. */
  @ApiProperty({ type: String, nullable: true, example: 'US-01' })
  legalEntity: string | null;
  @ApiProperty({ enum: ProvisioningStatuses, enumName: 'ProvisioningStatus', example: 'received' })
  status: ProvisioningStatus;
  opportunity: ProvisioningOpportunityDto;
  /** Id of the `opportunity.closed_won` event that created it. */
  @ApiProperty({ format: 'uuid' })
  sourceEventId: string;
  /** Correlation id of the flow that won the deal (search the logs with it). */
  correlationId: string;
  /** When the process layer recorded the won deal (RFC 3339). */
  @ApiProperty({ format: 'date-time' })
  receivedAt: string;
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
export class ProvisioningListDto {
  items: ProvisioningDto[];
  /** Provisionings matching the filter, all pages together. */
  @ApiProperty({ type: 'integer' })
  total: number;
  @ApiProperty({ type: 'integer' })
  limit: number;
  @ApiProperty({ type: 'integer' })
  offset: number;
}
