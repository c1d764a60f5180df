import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A webhook subscription (`POST /api/v2.0/subscriptions`), live until `expiresAt`. */
@Entity({ name: 'subscriptions' })
export class BcSubscriptionEntity {
  @PrimaryColumn({ name: 'subscription_id', type: 'varchar', length: 64 })
  subscriptionId: string;

  @Column({ name: 'notification_url', type: 'varchar', length: 2000 })
  notificationUrl: string;

  /** `/api/v2.0/companies(<id>)/<entitySet>` */
  @Column({ type: 'varchar', length: 500 })
  resource: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'entity_set', type: 'varchar', length: 60 })
  entitySet: string;

  @Column({ name: 'client_state', type: 'varchar', length: 2048, default: '' })
  clientState: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
