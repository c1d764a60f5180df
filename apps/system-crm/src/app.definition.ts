import type { AppDefinition } from '@app/platform';
import { salesforceConfig } from './adapters/salesforce/salesforce.config';
import { crmPollerConfig } from './changes/crm-poller.config';
import { systemCrmPersistence } from './persistence';
import { SYSTEM_CRM_APP_NAME, SystemCrmModule } from './system-crm.module';

/** system-crm: the CRM system API in front of Salesforce. */
export const systemCrmApp: AppDefinition = {
  name: SYSTEM_CRM_APP_NAME,
  module: SystemCrmModule,
  portEnv: 'SYSTEM_CRM_PORT',
  defaultPort: 8091,
  schema: systemCrmPersistence.schema,
  config: [salesforceConfig, crmPollerConfig],
  apis: [
    {
      layer: 'system',
      product: 'crm',
      version: 1,
      lifecycle: 'draft',
      title: 'CRM System API',
      description:
        'Accounts, opportunities with their line items, and contracts in the CRM (Salesforce) in the canonical model, vendor-neutral: read, created and updated safely to retry, with cross-references. Emits opportunity.closed_won when a deal is won and customer.changed when an account changes.',
    },
  ],
};
