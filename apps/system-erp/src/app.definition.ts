import type { AppDefinition } from '@app/platform';
import { SystemErpModule } from './system-erp.module';

/** NetSuite or Business Central (ERP), chosen by ERP_VENDOR. Its API arrives with the vendor issue. */
export const systemErpApp: AppDefinition = {
  name: 'system-erp',
  module: SystemErpModule,
  portEnv: 'SYSTEM_ERP_PORT',
  defaultPort: 8093,
  apis: [],
};
