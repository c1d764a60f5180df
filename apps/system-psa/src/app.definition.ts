import type { AppDefinition } from '@app/platform';
import { SystemPsaModule } from './system-psa.module';

/** Kantata OX (PSA): projects, staffing and time. Its API arrives with the vendor issue. */
export const systemPsaApp: AppDefinition = {
  name: 'system-psa',
  module: SystemPsaModule,
  portEnv: 'SYSTEM_PSA_PORT',
  defaultPort: 8092,
  apis: [],
};
