import type { AppDefinition } from '@app/platform';
import { workdayConfig } from './adapters/workday/workday.config';
import { hrisPollerConfig } from './changes/hris-poller.config';
import { systemHrisPersistence } from './persistence';
import { hrisConfig } from './roles/hris.config';
import { SYSTEM_HRIS_APP_NAME, SystemHrisModule } from './system-hris.module';

/** system-hris: the HRIS system API in front of Workday (worker report and workers REST resource). */
export const systemHrisApp: AppDefinition = {
  name: SYSTEM_HRIS_APP_NAME,
  module: SystemHrisModule,
  portEnv: 'SYSTEM_HRIS_PORT',
  defaultPort: 8095,
  schema: systemHrisPersistence.schema,
  config: [workdayConfig, hrisPollerConfig, hrisConfig],
  apis: [
    {
      layer: 'system',
      product: 'hris',
      version: 1,
      lifecycle: 'draft',
      title: 'HRIS System API',
      description:
        "Workers from the HRIS (Workday) in the canonical model, vendor-neutral, with the firm's job profile -> role mappings. Emits worker.changed with the lifecycle kind (hire, transfer, leave, return, termination).",
    },
  ],
};
