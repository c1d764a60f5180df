import { Module } from '@nestjs/common';
import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { BillingModule } from './billing/billing.module';
import { BillingFeedbackModule } from './billing-feedback/billing-feedback.module';
import { SystemApisModule } from './common/system-apis/system-apis.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { OperationsModule } from './operations/operations.module';
import { processApiPersistence } from './persistence';
import { processApiConsumers } from './process-api.consumers';
import { ProjectSetupModule } from './project-setup/project-setup.module';
import { ResourceSyncModule } from './resource-sync/resource-sync.module';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'process-api' }),
    PersistenceModule.forApp({ ...processApiPersistence, name: 'process-api' }),
    MessagingModule.forApp({
      appName: 'process-api',
      schema: processApiPersistence.schema,
      consumers: processApiConsumers,
    }),
    SystemApisModule,
    ExceptionsModule,
    ProjectSetupModule,
    OperationsModule,
    ResourceSyncModule,
    BillingModule,
    BillingFeedbackModule,
  ],
})
export class ProcessApiModule {}
