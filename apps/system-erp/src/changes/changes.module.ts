import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { businessCentralConfig } from '../adapters/business-central/business-central.config';
import { ErpAdapterModule } from '../adapters/erp-adapter.module';
import { InvoiceTraceEntity } from '../invoices/entities/invoice-trace.entity';
import { InvoiceTraces } from '../invoices/invoice-traces';
import { MappingsModule } from '../mappings/mappings.module';
import { BusinessCentralWebhooks } from './business-central-webhooks.service';
import { ErpPollCursorEntity } from './entities/erp-poll-cursor.entity';
import { ErpSubscriptionEntity } from './entities/erp-subscription.entity';
import { InvoiceSnapshotEntity } from './entities/invoice-snapshot.entity';
import { erpPollerConfig } from './erp-poller.config';
import { ErpWebhooksController } from './erp-webhooks.controller';
import { InvoiceChangePoller } from './invoice-change-poller';
import { InvoiceChangeTracker } from './invoice-change-tracker';

/**
 * Change detection: invoices polled from the ERP with a persisted cursor, and Business Central's
 * webhook notifications; `invoice.posted` and `invoice.paid` published through the outbox.
 */
@Module({
  imports: [
    ConfigModule.forFeature(erpPollerConfig),
    ConfigModule.forFeature(businessCentralConfig),
    TypeOrmModule.forFeature([ErpPollCursorEntity, InvoiceSnapshotEntity, InvoiceTraceEntity, ErpSubscriptionEntity]),
    ErpAdapterModule,
    MappingsModule,
  ],
  controllers: [ErpWebhooksController],
  providers: [InvoiceChangeTracker, InvoiceChangePoller, InvoiceTraces, BusinessCentralWebhooks],
  exports: [InvoiceChangeTracker, InvoiceTraces, BusinessCentralWebhooks],
})
export class ChangesModule {}
