import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KantataAdapterModule } from '../adapters/kantata/kantata-adapter.module';
import { PsaChangeSnapshotEntity } from './entities/change-snapshot.entity';
import { PsaPollCursorEntity } from './entities/poll-cursor.entity';
import { PsaChangePoller } from './psa-change-poller';
import { PsaChangeTracker } from './psa-change-tracker';
import { psaPollerConfig } from './psa-poller.config';

/** Change detection: polls the PSA and stages time.approved, expense.approved, milestone.completed. */
@Module({
  imports: [
    ConfigModule.forFeature(psaPollerConfig),
    TypeOrmModule.forFeature([PsaPollCursorEntity, PsaChangeSnapshotEntity]),
    KantataAdapterModule,
  ],
  providers: [PsaChangeTracker, PsaChangePoller],
  exports: [PsaChangeTracker, PsaChangePoller],
})
export class PsaChangesModule {}
