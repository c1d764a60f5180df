import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErpAdapterModule } from '../adapters/erp-adapter.module';
import { ErpPollCursorEntity } from './entities/erp-poll-cursor.entity';
import { InvoiceSnapshotEntity } from './entities/invoice-snapshot.entity';
import { erpPollerConfig } from './erp-poller.config';
import { InvoiceChangePoller } from './invoice-change-poller';
import { InvoiceChangeTracker } from './invoice-change-tracker';

/** Change detection: invoice payment status polled from the ERP, published through the outbox. */
@Module({
  imports: [
    ConfigModule.forFeature(erpPollerConfig),
    TypeOrmModule.forFeature([ErpPollCursorEntity, InvoiceSnapshotEntity]),
    ErpAdapterModule,
  ],
  providers: [InvoiceChangeTracker, InvoiceChangePoller],
  exports: [InvoiceChangeTracker],
})
export class ChangesModule {}
