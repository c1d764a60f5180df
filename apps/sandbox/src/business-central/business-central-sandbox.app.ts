import type { AppDefinition } from '@app/platform';
import {
  BUSINESS_CENTRAL_SANDBOX_APP_NAME,
  BusinessCentralSandboxAppModule,
} from './business-central-sandbox-app.module';
import { businessCentralSandboxConfig } from './business-central-sandbox.config';
import { businessCentralPersistence } from './business-central.persistence';

/** The Business Central sandbox: API v2.0 (OData) and an Entra-style token endpoint on its own port. */
export const businessCentralSandboxApp: AppDefinition = {
  name: BUSINESS_CENTRAL_SANDBOX_APP_NAME,
  module: BusinessCentralSandboxAppModule,
  portEnv: 'SANDBOX_BUSINESS_CENTRAL_PORT',
  defaultPort: 9104,
  schema: businessCentralPersistence.schema,
  apis: [],
  config: [businessCentralSandboxConfig],
};
