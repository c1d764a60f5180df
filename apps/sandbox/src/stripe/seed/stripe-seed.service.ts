import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { StripeObject, StripeStore } from '../store/stripe-store';

/** 2025-01-06T09:00:00Z: the seed predates anything a test or a demo creates. */
const SEED_CREATED = 1736154000;

function customer(n: number, name: string, email: string, country: string, prefix: string): StripeObject {
  return {
    id: `cus_SEED${String(n).padStart(10, '0')}`,
    object: 'customer',
    address: { city: null, country, line1: null, line2: null, postal_code: null, state: null },
    balance: 0,
    created: SEED_CREATED + n * 60,
    currency: null,
    default_source: null,
    delinquent: false,
    description: 'Demo customer (sandbox seed)',
    discount: null,
    email,
    invoice_prefix: prefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { sandbox_seed: 'true' },
    name,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

/** Demo customers (one per legal entity of the demo firm), loaded when the account is empty. */
export const STRIPE_SEED_CUSTOMERS: StripeObject[] = [
  customer(1, 'Northwind Traders', 'ap@northwind.example', 'US', 'NORTHWIN'),
  customer(2, 'Contoso GmbH', 'rechnungen@contoso.example', 'DE', 'CONTOSOD'),
  customer(3, 'Fabrikam Ltd', 'accounts@fabrikam.example', 'GB', 'FABRIKAM'),
];

@Injectable()
export class StripeSeedService implements OnApplicationBootstrap {
  constructor(private readonly store: StripeStore) {}

  async onApplicationBootstrap(): Promise<void> {
    const counts = await this.store.count();
    if (Object.keys(counts).length === 0) await this.seed();
  }

  async seed(): Promise<void> {
    for (const c of STRIPE_SEED_CUSTOMERS) await this.store.save(structuredClone(c));
  }
}
