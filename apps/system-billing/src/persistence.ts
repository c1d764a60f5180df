import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { BillingRecordEntity } from './cross-references/billing-record.entity';
import { systemBillingMigrations } from './migrations';
import { WebhookEventEntity } from './webhooks/webhook-event.entity';

/** PostgreSQL of system-billing: cross-references, processed webhooks and the messaging tables. */
export const systemBillingPersistence = {
  schema: 'system_billing',
  entities: [BillingRecordEntity, WebhookEventEntity, ...messagingEntities],
  migrations: systemBillingMigrations,
} satisfies AppPersistence;
