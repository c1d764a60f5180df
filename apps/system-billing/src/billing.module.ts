import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StripeAdapterModule } from './adapters/stripe/stripe-adapter.module';
import { stripeConfig } from './adapters/stripe/stripe.config';
import { BillingRecordEntity } from './cross-references/billing-record.entity';
import { BillingRecordsService } from './cross-references/billing-records.service';
import { CrossReferencesController } from './cross-references/cross-references.controller';
import { CustomersController } from './customers/customers.controller';
import { CustomersService } from './customers/customers.service';
import { InvoicesController } from './invoices/invoices.controller';
import { CreditNotesService } from './invoices/credit-notes.service';
import { InvoicesService } from './invoices/invoices.service';
import { BillingWebhooksController } from './webhooks/billing-webhooks.controller';
import { BillingWebhooksService } from './webhooks/billing-webhooks.service';
import { WebhookEventEntity } from './webhooks/webhook-event.entity';
import { WebhookRawBodyParser } from './webhooks/raw-body.parser';

/** The billing system API: customers, invoices, cross-references and the vendor's webhooks. */
@Module({
  imports: [
    StripeAdapterModule,
    ConfigModule.forFeature(stripeConfig),
    TypeOrmModule.forFeature([BillingRecordEntity, WebhookEventEntity]),
  ],
  controllers: [CustomersController, InvoicesController, CrossReferencesController, BillingWebhooksController],
  providers: [
    BillingRecordsService,
    CustomersService,
    InvoicesService,
    CreditNotesService,
    BillingWebhooksService,
    WebhookRawBodyParser,
  ],
})
export class BillingModule {}
