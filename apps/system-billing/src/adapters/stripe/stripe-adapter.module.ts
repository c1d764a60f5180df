import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { BILLING_ADAPTER } from '../billing-adapter';
import { StripeBillingAdapter } from './stripe-billing.adapter';
import { stripeConfig } from './stripe.config';

/** Provides BILLING_ADAPTER backed by Stripe Billing. */
@Module({
  imports: [ConfigModule.forFeature(stripeConfig)],
  providers: [StripeBillingAdapter, { provide: BILLING_ADAPTER, useExisting: StripeBillingAdapter }],
  exports: [BILLING_ADAPTER],
})
export class StripeAdapterModule {}
