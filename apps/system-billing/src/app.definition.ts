import type { AppDefinition } from '@app/platform';
import { stripeConfig } from './adapters/stripe/stripe.config';
import { systemBillingPersistence } from './persistence';
import { SYSTEM_BILLING_APP_NAME, SystemBillingModule } from './system-billing.module';

/** system-billing: the billing system API in front of Stripe Billing. */
export const systemBillingApp: AppDefinition = {
  name: SYSTEM_BILLING_APP_NAME,
  module: SystemBillingModule,
  portEnv: 'SYSTEM_BILLING_PORT',
  defaultPort: 8094,
  schema: systemBillingPersistence.schema,
  config: [stripeConfig],
  apis: [
    {
      layer: 'system',
      product: 'billing',
      version: 1,
      lifecycle: 'draft',
      title: 'Billing System API',
      description:
        'Billing customers and invoices at the billing platform (Stripe Billing) in the canonical model: create once (safe to retry), finalize, send, void, payment status, cross-references. Emits invoice.finalized, invoice.paid, invoice.payment_failed and invoice.voided from verified webhooks.',
    },
  ],
};
