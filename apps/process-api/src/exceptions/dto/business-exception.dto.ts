import { ApiProperty } from '@nestjs/swagger';
import { ExceptionActions, ExceptionStatuses, OwningTeams } from '../exceptions.constants';
import type { ExceptionAction, ExceptionStatus, OwningTeam } from '../exceptions.constants';

/** Money in integer minor units and its ISO 4217 currency. */
export class MoneyAtStakeDto {
  @ApiProperty({ type: 'integer', example: 1250000 })
  amountMinor: number;
  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  currency: string;
}

/** One entry of an exception's audit trail. */
export class BusinessExceptionActionDto {
  @ApiProperty({ enum: ExceptionActions, enumName: 'BusinessExceptionAction' })
  action: ExceptionAction;
  /** Who acted: the calling consumer, or the workflow that raised it. */
  actor: string;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** A business exception: data a person must fix or decide on (technical failures are dead letters). */
export class BusinessExceptionSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** What went wrong, e.g. `provisioning-invalid-opportunity`. */
  kind: string;
  @ApiProperty({ enum: OwningTeams, enumName: 'OwningTeam' })
  owningTeam: OwningTeam;
  /** The business object it is about, e.g. `opportunity/<id>`. */
  businessKey: string;
  @ApiProperty({ type: String, nullable: true, example: 'US-01' })
  legalEntity: string | null;
  /** Money at stake where known. */
  @ApiProperty({ type: MoneyAtStakeDto, nullable: true })
  moneyAtStake: MoneyAtStakeDto | null;
  /** Every reason, in words a person acts on. */
  reasons: string[];
  /** Context (e.g. the provisioning id, vendor ids). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
  /** The workflow that raised it, e.g. `project-setup`. */
  source: string;
  @ApiProperty({ enum: ExceptionStatuses, enumName: 'BusinessExceptionStatus' })
  status: ExceptionStatus;
  /** Times it was raised while open. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  occurrences: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;
}

/** An exception with its audit trail. */
export class BusinessExceptionDto extends BusinessExceptionSummaryDto {
  /** Everything done to it, oldest first. */
  actions: BusinessExceptionActionDto[];
}

/** A page of exceptions, newest first. */
export class BusinessExceptionListDto {
  items: BusinessExceptionSummaryDto[];
  @ApiProperty({ type: 'integer' })
  total: number;
  @ApiProperty({ type: 'integer' })
  limit: number;
  @ApiProperty({ type: 'integer' })
  offset: number;
}
