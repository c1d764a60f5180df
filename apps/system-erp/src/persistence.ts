import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { ErpPollCursorEntity } from './changes/entities/erp-poll-cursor.entity';
import { ErpSubscriptionEntity } from './changes/entities/erp-subscription.entity';
import { InvoiceSnapshotEntity } from './changes/entities/invoice-snapshot.entity';
import { CrossReferenceEntity } from './cross-references/entities/cross-reference.entity';
import { InvoiceTraceEntity } from './invoices/entities/invoice-trace.entity';
import { ItemMappingEntity } from './mappings/entities/item-mapping.entity';
import { LegalEntityMappingEntity } from './mappings/entities/legal-entity-mapping.entity';
import { TaxRateEntity } from './mappings/entities/tax-rate.entity';
import { systemErpMigrations } from './migrations';

/** PostgreSQL of system-erp: cross-references, the firm's mapping tables, the change feed and the messaging tables. */
export const systemErpPersistence = {
  schema: 'system_erp',
  entities: [
    CrossReferenceEntity,
    LegalEntityMappingEntity,
    ItemMappingEntity,
    TaxRateEntity,
    ErpPollCursorEntity,
    InvoiceSnapshotEntity,
    InvoiceTraceEntity,
    ErpSubscriptionEntity,
    ...messagingEntities,
  ],
  migrations: systemErpMigrations,
} satisfies AppPersistence;
