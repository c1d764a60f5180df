import type { AppDefinition } from '@app/platform';
import { kantataConfig } from './adapters/kantata/kantata.config';
import { psaPollerConfig } from './changes/psa-poller.config';
import { systemPsaPersistence } from './persistence';
import { SYSTEM_PSA_APP_NAME, SystemPsaModule } from './system-psa.module';

/** system-psa: the PSA system API in front of Kantata OX (projects, staffing, time, rate cards). */
export const systemPsaApp: AppDefinition = {
  name: SYSTEM_PSA_APP_NAME,
  module: SystemPsaModule,
  portEnv: 'SYSTEM_PSA_PORT',
  defaultPort: 8092,
  schema: systemPsaPersistence.schema,
  config: [kantataConfig, psaPollerConfig],
  apis: [
    {
      layer: 'system',
      product: 'psa',
      version: 1,
      lifecycle: 'draft',
      title: 'PSA System API',
      description:
        'Projects, assignments, milestones, users, time entries, expenses and rate cards from the PSA (Kantata OX) in the canonical model. Creates are safe to retry. Emits time.approved, expense.approved and milestone.completed.',
    },
  ],
};
