import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A webhook subscription system-erp holds with the ERP (Business Central: one per company and
 * entity set), with the secret client state every notification must carry.
 */
@Entity({ name: 'erp_subscriptions' })
export class ErpSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  vendor: string;

  /** `api/v2.0/companies({id})/salesInvoices` */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  resource: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 100 })
  subscriptionId: string;

  /** Company the resource belongs to. */
  @Column({ type: 'varchar', length: 100 })
  scope: string;

  @Column({ name: 'client_state', type: 'varchar', length: 200 })
  clientState: string;

  @Column({ name: 'notification_url', type: 'varchar', length: 2000 })
  notificationUrl: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  etag: string | null;
}
