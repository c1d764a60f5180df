import type { AppDefinition } from '@app/platform';
import { NETSUITE_SANDBOX_APP_NAME, NetSuiteSandboxAppModule } from './netsuite-sandbox-app.module';
import { netsuiteSandboxConfig } from './netsuite-sandbox.config';
import { netsuitePersistence } from './netsuite.persistence';

/** The NetSuite sandbox: SuiteTalk REST (records, SuiteQL) and OAuth 2.0 M2M on its own port. */
export const netsuiteSandboxApp: AppDefinition = {
  name: NETSUITE_SANDBOX_APP_NAME,
  module: NetSuiteSandboxAppModule,
  portEnv: 'SANDBOX_NETSUITE_PORT',
  defaultPort: 9103,
  schema: netsuitePersistence.schema,
  apis: [],
  config: [netsuiteSandboxConfig],
};
