import type { AppDefinition } from '@app/platform';
import { STRIPE_SANDBOX_APP_NAME, StripeSandboxAppModule } from './stripe-sandbox-app.module';
import { stripeSandboxConfig } from './stripe-sandbox.config';
import { stripeSandboxPersistence } from './stripe-sandbox.persistence';

/** The Stripe Billing sandbox: Stripe's `/v1` wire format (form bodies, lists, idempotency, signed webhooks). */
export const stripeSandboxApp: AppDefinition = {
  name: STRIPE_SANDBOX_APP_NAME,
  module: StripeSandboxAppModule,
  portEnv: 'SANDBOX_STRIPE_PORT',
  defaultPort: 9105,
  schema: stripeSandboxPersistence.schema,
  apis: [],
  config: [stripeSandboxConfig],
};
