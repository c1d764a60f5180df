import type { AppPersistence } from '@app/persistence';
import { messagingEntities } from '@app/messaging';
import { migrations } from './migrations';
import { billingEntities } from './billing/entities';
import { InvoiceFeedbackEntity } from './billing-feedback/invoice-feedback.entity';
import { BusinessExceptionActionEntity, BusinessExceptionEntity } from './exceptions/business-exception.entity';
import { BillingScheduleItemEntity } from './project-setup/billing-schedule.entity';
import { ProvisioningEntity } from './project-setup/provisioning.entity';
import { ContractAmendmentEntity } from './project-setup/amendments/contract-amendment.entity';
import { resourceSyncEntities } from './resource-sync/entities';

/** The `process` schema: project-setup's provisionings and the messaging tables (outbox, inbox, dead letters). */
export const processApiPersistence: AppPersistence = {
  schema: 'process',
  entities: [
    ProvisioningEntity,
    BillingScheduleItemEntity,
    ContractAmendmentEntity,
    BusinessExceptionEntity,
    BusinessExceptionActionEntity,
    ...resourceSyncEntities,
    ...billingEntities,
    InvoiceFeedbackEntity,
    ...messagingEntities,
  ],
  migrations,
};
