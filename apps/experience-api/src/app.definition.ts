import type { AppDefinition } from '@app/platform';
import { experienceApiConsumers } from './experience-api.consumers';
import { ExperienceApiModule } from './experience-api.module';

/** Dashboards and the operations console, served from the experience layer's own projections. */
export const experienceApiApp: AppDefinition = {
  name: 'experience-api',
  module: ExperienceApiModule,
  portEnv: 'EXPERIENCE_API_PORT',
  defaultPort: 8081,
  schema: 'experience',
  subscriptions: experienceApiConsumers,
  apis: [
    {
      layer: 'experience',
      product: 'dashboard',
      version: 1,
      title: 'Dashboard experience API',
      description: 'Key figures for finance, delivery and IT dashboards, read from projections fed by events.',
      lifecycle: 'draft',
    },
  ],
};
