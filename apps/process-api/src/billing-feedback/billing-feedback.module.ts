import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { billingFeedbackConfig } from './billing-feedback.config';
import { FEEDBACK_TARGETS, GatewayFeedbackTargets } from './feedback-targets';
import { InvoiceEventsConsumer } from './invoice-events.consumer';
import { InvoiceFeedbackService } from './invoice-feedback.service';
import { OverdueSweepScheduler } from './overdue-sweep.scheduler';

/** Status feedback: invoice events from billing and the ERP -> the CRM invoice record and the PSA invoice. */
@Module({
  imports: [ConfigModule.forFeature(billingFeedbackConfig)],
  providers: [
    { provide: FEEDBACK_TARGETS, useClass: GatewayFeedbackTargets },
    InvoiceFeedbackService,
    InvoiceEventsConsumer,
    OverdueSweepScheduler,
  ],
  exports: [InvoiceEventsConsumer, InvoiceFeedbackService],
})
export class BillingFeedbackModule {}
