import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One event to deliver to one endpoint, retried with backoff until a 2xx or the last attempt. */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due', ['state', 'nextAttemptAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId: string;

  /** `we_...`, or `config` for the endpoint of SANDBOX_STRIPE_WEBHOOK_URL. */
  @Column({ name: 'endpoint_id', type: 'varchar', length: 64 })
  endpointId: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 200 })
  secret: string;

  /** pending | delivered | failed */
  @Column({ type: 'varchar', length: 20 })
  state: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'last_status', type: 'int', nullable: true })
  lastStatus: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
