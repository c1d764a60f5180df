import { Module } from '@nestjs/common';
import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { experienceApiConsumers } from './experience-api.consumers';
import { DashboardModule } from './dashboard/dashboard.module';
import { experienceApiPersistence } from './persistence';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'experience-api' }),
    PersistenceModule.forApp({ ...experienceApiPersistence, name: 'experience-api' }),
    MessagingModule.forApp({
      appName: 'experience-api',
      schema: experienceApiPersistence.schema,
      consumers: experienceApiConsumers,
    }),
    DashboardModule,
  ],
})
export class ExperienceApiModule {}
