import type { AppDefinition } from '@app/platform';
import { KANTATA_SANDBOX_APP_NAME, KantataSandboxAppModule } from './kantata-sandbox-app.module';
import { kantataSandboxConfig } from './kantata-sandbox.config';
import { kantataSandboxPersistence } from './kantata-sandbox.persistence';

/** The Kantata OX sandbox: Kantata's API v1 wire format on its own port. No API product of ours. */
export const kantataSandboxApp: AppDefinition = {
  name: KANTATA_SANDBOX_APP_NAME,
  module: KantataSandboxAppModule,
  portEnv: 'SANDBOX_KANTATA_PORT',
  defaultPort: 9102,
  schema: kantataSandboxPersistence.schema,
  apis: [],
  config: [kantataSandboxConfig],
};
