import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { crmPollerConfig } from './crm-poller.config';
import { AccountChangeTracker } from './account-change-tracker';
import { CrmChangePoller } from './crm-change-poller';
import { AccountSnapshotEntity } from './entities/account-snapshot.entity';
import { OpportunitySnapshotEntity } from './entities/opportunity-snapshot.entity';
import { PollCursorEntity } from './entities/poll-cursor.entity';
import { OpportunityChangeTracker } from './opportunity-change-tracker';

/** Change detection: polls the CRM and stages `opportunity.closed_won` and `customer.changed` in the outbox. */
@Module({
  imports: [
    ConfigModule.forFeature(crmPollerConfig),
    TypeOrmModule.forFeature([PollCursorEntity, OpportunitySnapshotEntity, AccountSnapshotEntity]),
    SalesforceAdapterModule,
  ],
  providers: [OpportunityChangeTracker, AccountChangeTracker, CrmChangePoller],
  exports: [OpportunityChangeTracker, AccountChangeTracker, CrmChangePoller],
})
export class ChangesModule {}
