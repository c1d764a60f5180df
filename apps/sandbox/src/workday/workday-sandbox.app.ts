import type { AppDefinition } from '@app/platform';
import { WORKDAY_SANDBOX_APP_NAME, WorkdaySandboxAppModule } from './workday-sandbox-app.module';
import { workdaySandboxConfig } from './workday-sandbox.config';
import { workdaySandboxPersistence } from './workday-sandbox.persistence';

/** The Workday sandbox: OAuth refresh-token grant, the Staffing REST `workers`, RaaS, on its own port. */
export const workdaySandboxApp: AppDefinition = {
  name: WORKDAY_SANDBOX_APP_NAME,
  module: WorkdaySandboxAppModule,
  portEnv: 'SANDBOX_WORKDAY_PORT',
  defaultPort: 9106,
  schema: workdaySandboxPersistence.schema,
  apis: [],
  config: [workdaySandboxConfig],
};
