import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Events a consumer group has handled, in the consumer app's schema. The row is inserted in the handler's
 * transaction, so "handled" and "its effects" commit together; a redelivered event finds the row and is
 * acknowledged without calling the handler again.
 */
@Entity({ name: 'inbox' })
export class InboxEntity {
  /** Consumer group, e.g. `process.project-setup`. */
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  /** Delivery attempt that succeeded. */
  @Column({ type: 'integer' })
  attempt: number;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
