import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A vendor webhook event already processed (dedupe by the vendor's event id). */
@Entity({ name: 'webhook_events' })
export class WebhookEventEntity {
  @PrimaryColumn({ name: 'vendor_event_id', type: 'varchar', length: 255 })
  vendorEventId: string;

  @Column({ type: 'varchar', length: 40 })
  system: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  type: string | null;

  /** published | ignored */
  @Column({ type: 'varchar', length: 20 })
  outcome: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
