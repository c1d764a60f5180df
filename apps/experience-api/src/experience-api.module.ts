import { Module } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { ClosedWonConsumer } from './dashboard/closed-won.consumer';
import { DashboardModule } from './dashboard/dashboard.module';
import { experienceApiPersistence } from './persistence';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'experience-api' }),
    PersistenceModule.forApp({ ...experienceApiPersistence, name: 'experience-api' }),
    MessagingModule.forApp({
      appName: 'experience-api',
      schema: experienceApiPersistence.schema,
      consumers: [
        { group: 'experience.dashboard', types: [EventTypes.OpportunityClosedWon], consumer: ClosedWonConsumer },
      ],
    }),
    DashboardModule,
  ],
})
export class ExperienceApiModule {}
