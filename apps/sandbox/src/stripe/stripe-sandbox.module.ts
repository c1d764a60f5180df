import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StripeIdempotencyInterceptor } from './api/idempotency.interceptor';
import { StripeRateLimiter } from './api/rate-limiter';
import { StripeApiGuard } from './api/stripe-api.guard';
import { StripeFormBodyParser } from './common/stripe-form-body.parser';
import { StripeControlController } from './control/stripe-control.controller';
import { StripeFaultsService } from './control/stripe-faults.service';
import { SandboxConnectionsCloser } from '../common/sandbox-connections-closer';
import { StripeEventsController, StripeWebhookEndpointsController } from './events/events.controller';
import { StripeEventsService } from './events/stripe-events.service';
import { StripeCreditNotesController } from './resources/credit-notes.controller';
import { StripeCustomersController } from './resources/customers.controller';
import { StripeInvoiceItemsController } from './resources/invoice-items.controller';
import { StripeInvoicesController } from './resources/invoices.controller';
import { StripeBillingService } from './resources/stripe-billing.service';
import { StripeSeedService } from './seed/stripe-seed.service';
import { StripeStore } from './store/stripe-store';
import { stripeSandboxConfig } from './stripe-sandbox.config';
import { stripeSandboxEntities } from './stripe-sandbox.entities';

/** The Stripe Billing emulator: `/v1` customers, invoice items, invoices, credit notes, events, webhooks. */
@Module({
  imports: [ConfigModule.forFeature(stripeSandboxConfig), TypeOrmModule.forFeature(stripeSandboxEntities)],
  controllers: [
    StripeCustomersController,
    StripeInvoiceItemsController,
    StripeInvoicesController,
    StripeCreditNotesController,
    StripeEventsController,
    StripeWebhookEndpointsController,
    StripeControlController,
  ],
  providers: [
    StripeStore,
    StripeBillingService,
    StripeEventsService,
    StripeFaultsService,
    StripeRateLimiter,
    StripeApiGuard,
    StripeIdempotencyInterceptor,
    StripeFormBodyParser,
    StripeSeedService,
    SandboxConnectionsCloser,
  ],
})
export class StripeSandboxModule {}
