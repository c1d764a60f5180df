import type { AppDefinition } from '@app/platform';
import { SystemHrisModule } from './system-hris.module';

/** Workday (HRIS): the worker report and workers. Its API arrives with the vendor issue. */
export const systemHrisApp: AppDefinition = {
  name: 'system-hris',
  module: SystemHrisModule,
  portEnv: 'SYSTEM_HRIS_PORT',
  defaultPort: 8095,
  apis: [],
};
