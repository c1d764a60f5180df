import type { AppDefinition } from '@app/platform';
import { businessCentralConfig } from './adapters/business-central/business-central.config';
import { netsuiteConfig } from './adapters/netsuite/netsuite.config';
import { erpPollerConfig } from './changes/erp-poller.config';
import { erpConfig } from './erp.config';
import { systemErpPersistence } from './persistence';
import { SYSTEM_ERP_APP_NAME, SystemErpModule } from './system-erp.module';

/** system-erp: the ERP system API in front of NetSuite or Business Central, chosen by ERP_VENDOR. */
export const systemErpApp: AppDefinition = {
  name: SYSTEM_ERP_APP_NAME,
  module: SystemErpModule,
  portEnv: 'SYSTEM_ERP_PORT',
  defaultPort: 8093,
  schema: systemErpPersistence.schema,
  config: [erpConfig, netsuiteConfig, businessCentralConfig, erpPollerConfig],
  apis: [
    {
      layer: 'system',
      product: 'erp',
      version: 1,
      lifecycle: 'draft',
      title: 'ERP System API',
      description:
        'Customers, projects, employees, time bills and invoices (with lines, posting and payment status) in the ERP, in the canonical model, whichever ERP the firm runs. Creates are safe to retry.',
    },
  ],
};
