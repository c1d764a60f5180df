import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { configuredScale, demoFirm, DemoFirm, DemoScale } from '../../common/demo-firm';
import { StripeObject, StripeStore } from '../store/stripe-store';

/** 2025-01-06T09:00:00Z: the seed predates anything a test or a demo creates. */
const SEED_CREATED = 1736154000;

/**
 * The demo firm's billing customers (src/common/demo-firm): one Stripe customer per account with
 * projects, id `cus_SEED<account number>`, linked by the metadata system-billing writes
 * (`canonical_id` = the account id, `legal_entity_id`, `currency`), created in January 2025.
 */
export function stripeSeedCustomers(firm: DemoFirm): StripeObject[] {
  return firm.customers
    .filter((c) => c.stripeCustomerId)
    .map((c, n) => ({
      id: c.stripeCustomerId!,
      object: 'customer',
      address: {
        city: c.billingCity,
        country: c.billingCountry,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
      },
      balance: 0,
      created: SEED_CREATED + (n + 1) * 60,
      currency: null, // Stripe sets it with the first invoice
      default_source: null,
      delinquent: false,
      description: 'Demo customer (sandbox seed)',
      discount: null,
      email: c.email,
      invoice_prefix: `DF${c.id.slice(4)}`,
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {
        sandbox_seed: 'true',
        canonical_id: c.id,
        legal_entity_id: c.legalEntity,
        currency: c.currency,
        legal_name: c.name,
      },
      name: c.name,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    }));
}

@Injectable()
export class StripeSeedService implements OnApplicationBootstrap {
  private scale: DemoScale = configuredScale();

  constructor(private readonly store: StripeStore) {}

  async onApplicationBootstrap(): Promise<void> {
    const counts = await this.store.count();
    if (Object.keys(counts).length === 0) await this.seed();
  }

  /** Loads the seed into the (empty) account; `scale` switches the size from now on. */
  async seed(scale: DemoScale = this.scale): Promise<void> {
    this.scale = scale;
    for (const c of stripeSeedCustomers(demoFirm(scale))) await this.store.save(c);
  }
}
