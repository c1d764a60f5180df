import type { AppDefinition } from '@app/platform';
import { SystemBillingModule } from './system-billing.module';

/** Stripe Billing. Its API arrives with the vendor issue. */
export const systemBillingApp: AppDefinition = {
  name: 'system-billing',
  module: SystemBillingModule,
  portEnv: 'SYSTEM_BILLING_PORT',
  defaultPort: 8094,
  apis: [],
};
