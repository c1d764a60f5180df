import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { crmPollerConfig } from './crm-poller.config';
import { OpportunitySnapshotEntity } from './entities/opportunity-snapshot.entity';
import { PollCursorEntity } from './entities/poll-cursor.entity';
import { OpportunityChangePoller } from './opportunity-change-poller';
import { OpportunityChangeTracker } from './opportunity-change-tracker';

/** Change detection: polls the CRM and stages `opportunity.closed_won` events in the outbox. */
@Module({
  imports: [
    ConfigModule.forFeature(crmPollerConfig),
    TypeOrmModule.forFeature([PollCursorEntity, OpportunitySnapshotEntity]),
    SalesforceAdapterModule,
  ],
  providers: [OpportunityChangeTracker, OpportunityChangePoller],
  exports: [OpportunityChangeTracker, OpportunityChangePoller],
})
export class ChangesModule {}
