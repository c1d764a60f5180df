import { ApiProperty } from '@nestjs/swagger';
import { DEAD_LETTER_ACTIONS, DEAD_LETTER_STATUSES, DeadLetterActionKind, DeadLetterStatus } from '@app/messaging';

/** An event as it travelled on the bus. */
export class EventEnvelopeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Event type, e.g. `opportunity.closed_won`. */
  type: string;
  /** Schema version of `data`. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  version: number;
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
  correlationId: string;
  /** W3C traceparent of the producing unit of work. */
  traceparent?: string;
  /** Event that caused this one. */
  causationId?: string;
  /** Producing app. */
  source: string;
  /** Business key the event is about. */
  subject: string;
  /** The payload, as defined for `type` and `version` in the canonical contracts. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

/** One event a consumer group of the process layer could not handle. */
export class DeadLetterSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Consumer group that failed, e.g. `process.project-setup`. */
  consumerGroup: string;
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  eventType: string;
  /** The legal entity the event names (the first `legalEntity` in its data, e.g. `data.opportunity.legalEntity`), or null. */
  @ApiProperty({ type: String, nullable: true, example: 'US-01' })
  legalEntity: string | null;
  /** Business key of the event. */
  subject: string;
  /** Correlation id of the event (search the logs with it). */
  correlationId: string;
  @ApiProperty({ enum: DEAD_LETTER_STATUSES, enumName: 'DeadLetterStatus' })
  status: DeadLetterStatus;
  /** Deliveries made before it was dead-lettered. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  attempts: number;
  /** The last error. */
  errorMessage: string;
  /** First time it was dead-lettered. */
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** Last failure (a failed replay moves it). */
  @ApiProperty({ format: 'date-time' })
  failedAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** One entry of a dead letter's audit trail. */
export class DeadLetterActionDto {
  @ApiProperty({ enum: DEAD_LETTER_ACTIONS, enumName: 'DeadLetterAction' })
  action: DeadLetterActionKind;
  /** Who acted (`system` when a replayed event failed again). */
  actor: string;
  reason: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** A dead letter with its event, error stack and audit trail. */
export class DeadLetterDto extends DeadLetterSummaryDto {
  event: EventEnvelopeDto;
  /** Stack of the last error, for the engineers. */
  errorStack: string | null;
  /** Everything done to it, oldest first. */
  actions: DeadLetterActionDto[];
}

/** A page of dead letters, most recent failure first. */
export class DeadLetterListDto {
  items: DeadLetterSummaryDto[];
  /** Dead letters matching the filter, all pages together. */
  @ApiProperty({ type: 'integer' })
  total: number;
  @ApiProperty({ type: 'integer' })
  limit: number;
  @ApiProperty({ type: 'integer' })
  offset: number;
}

/** Outcome of a replay by filter. */
export class ReplayResultDto {
  /** Open dead letters sent again to their consumer group. */
  @ApiProperty({ type: 'integer' })
  replayed: number;
}
