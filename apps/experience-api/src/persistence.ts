import type { AppPersistence } from '@app/persistence';
import { messagingEntities } from '@app/messaging';
import { ClosedWonKpiEntity } from './dashboard/closed-won-kpi.entity';
import { experienceMigrations } from './migrations';

export const experienceApiPersistence: AppPersistence = {
  schema: 'experience',
  entities: [ClosedWonKpiEntity, ...messagingEntities],
  migrations: experienceMigrations,
};
