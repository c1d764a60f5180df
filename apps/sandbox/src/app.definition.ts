import type { AppDefinition } from '@app/platform';
import { salesforceSandboxPersistence } from './persistence';
import { SALESFORCE_SANDBOX_APP_NAME, SalesforceSandboxAppModule } from './salesforce/salesforce-sandbox-app.module';
import { salesforceSandboxConfig } from './salesforce/salesforce-sandbox.config';
import { stripeSandboxApp } from './stripe/stripe-sandbox.app';
import { workdaySandboxApp } from './workday/workday-sandbox.app';
import { kantataSandboxApp } from './kantata/kantata-sandbox.app';
import { netsuiteSandboxApp } from './netsuite/netsuite-sandbox.app';
import { businessCentralSandboxApp } from './business-central/business-central-sandbox.app';

export { workdaySandboxApp };
export { kantataSandboxApp };
export { netsuiteSandboxApp };
export { businessCentralSandboxApp };

export { stripeSandboxApp };

/**
 * The Salesforce sandbox: speaks Salesforce's REST wire format (OAuth, SOQL query, sObjects) on its
 * own port. Vendor sandboxes publish no API product of ours (`apis: []`).
 */
export const salesforceSandboxApp: AppDefinition = {
  name: SALESFORCE_SANDBOX_APP_NAME,
  module: SalesforceSandboxAppModule,
  portEnv: 'SANDBOX_SALESFORCE_PORT',
  defaultPort: 9101,
  schema: salesforceSandboxPersistence.schema,
  apis: [],
  config: [salesforceSandboxConfig],
};

/** Every vendor sandbox this app folder provides (more vendors join this list). */
export const sandboxApps: AppDefinition[] = [
  salesforceSandboxApp,
  kantataSandboxApp,
  netsuiteSandboxApp,
  businessCentralSandboxApp,
  workdaySandboxApp,
  stripeSandboxApp,
];
