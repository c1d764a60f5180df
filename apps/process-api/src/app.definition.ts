import type { AppDefinition } from '@app/platform';
import { ProcessApiModule } from './process-api.module';
import { processApiConsumers } from './process-api.consumers';

/** The business workflows: project setup from won deals, and the operations API over their events. */
export const processApiApp: AppDefinition = {
  name: 'process-api',
  module: ProcessApiModule,
  portEnv: 'PROCESS_API_PORT',
  defaultPort: 8082,
  schema: 'process',
  subscriptions: processApiConsumers,
  apis: [
    {
      layer: 'process',
      product: 'operations',
      version: 1,
      title: 'Operations process API',
      description:
        'What operators need to keep the event flow healthy: the dead letters of the process layer (events a workflow could not handle), to inspect, replay or resolve, every action audited.',
      lifecycle: 'draft',
    },
    {
      layer: 'process',
      product: 'project-setup',
      version: 1,
      title: 'Project setup process API',
      description:
        'Turns won deals into provisioned projects. v1 records a provisioning for each opportunity won in the CRM (status `received`). Deprecated: use v2, which names the deal and its money as the rest of the product does; v1 stops answering at its sunset date.',
      lifecycle: 'deprecated',
      sunset: '2027-06-30',
    },
    {
      layer: 'process',
      product: 'project-setup',
      version: 2,
      title: 'Project setup process API',
      description:
        'Turns won deals into provisioned projects: a provisioning for each deal won in the CRM, its status, legal entity and the deal it works from (money in integer minor units). Successor of v1: `dealId`, `deal.customerId`, `deal.contractValue`, `createdAt`, a `legalEntity` filter.',
      lifecycle: 'active',
    },
    {
      layer: 'process',
      product: 'resource-sync',
      version: 1,
      title: 'Resource sync process API',
      description:
        'Keeps delivery and finance in step with HR: worker changes from the HRIS reach the PSA and the ERP, a worker who left but is still staffed or booking time becomes a business exception with billing held, and reconciliations compare the worker sets of HRIS, PSA and ERP (one report per legal entity).',
      lifecycle: 'draft',
    },
    {
      layer: 'process',
      product: 'billing',
      version: 1,
      title: 'Billing process API',
      description:
        'Time to invoice: approved time, expenses and milestones become billable items; a billing run previews the invoices of a period and legal entity (money in integer minor units, round half to even per line, tax per line), is approved by a second person (four-eyes, billing-approver), then creates, finalizes and sends each invoice in the billing platform and posts it to the ERP, never twice; lineage traces every line to its sources.',
      lifecycle: 'draft',
    },
  ],
};
