import { Module } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { OperationsModule } from './operations/operations.module';
import { processApiPersistence } from './persistence';
import { OpportunityClosedWonConsumer } from './project-setup/opportunity-closed-won.consumer';
import { PROJECT_SETUP_GROUP } from './project-setup/project-setup.constants';
import { ProjectSetupModule } from './project-setup/project-setup.module';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'process-api' }),
    PersistenceModule.forApp({ ...processApiPersistence, name: 'process-api' }),
    MessagingModule.forApp({
      appName: 'process-api',
      schema: processApiPersistence.schema,
      consumers: [
        {
          group: PROJECT_SETUP_GROUP,
          types: [EventTypes.OpportunityClosedWon],
          consumer: OpportunityClosedWonConsumer,
        },
      ],
    }),
    ProjectSetupModule,
    OperationsModule,
  ],
})
export class ProcessApiModule {}
