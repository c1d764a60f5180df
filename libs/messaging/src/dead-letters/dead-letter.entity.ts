import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from '../event-envelope';

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'resolved'] as const;
/** open: waiting for an operator; replayed: sent again (reopens if it fails again); resolved: closed by hand. */
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/**
 * An event a consumer group could not handle within MESSAGING_MAX_ATTEMPTS deliveries, in the consumer
 * app's schema. One row per (group, event): a replay that fails again reopens the same row.
 */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_group_event_uq', ['consumerGroup', 'eventId'], { unique: true })
@Index('dead_letters_status_failed_at_idx', ['status', 'failedAt'])
export class DeadLetterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'consumer_group', type: 'text' })
  consumerGroup: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  /** The whole envelope, as delivered. */
  @Column({ type: 'jsonb' })
  event: EventEnvelope;

  @Column({ name: 'error_message', type: 'text' })
  errorMessage: string;

  @Column({ name: 'error_stack', type: 'text', nullable: true })
  errorStack: string | null;

  /** Deliveries made in the failed round. */
  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'varchar', length: 16 })
  status: DeadLetterStatus;

  /** First time this (group, event) was dead-lettered. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Last failure (a failed replay moves it). */
  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
