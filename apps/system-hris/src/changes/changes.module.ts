import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkdayAdapterModule } from '../adapters/workday/workday-adapter.module';
import { RolesModule } from '../roles/roles.module';
import { PollCursorEntity } from './entities/poll-cursor.entity';
import { WorkerSnapshotEntity } from './entities/worker-snapshot.entity';
import { hrisPollerConfig } from './hris-poller.config';
import { WorkerChangePoller } from './worker-change-poller';
import { WorkerChangeTracker } from './worker-change-tracker';

/** Change detection: polls the HRIS worker report and stages `worker.changed` events in the outbox. */
@Module({
  imports: [
    ConfigModule.forFeature(hrisPollerConfig),
    TypeOrmModule.forFeature([PollCursorEntity, WorkerSnapshotEntity]),
    WorkdayAdapterModule,
    RolesModule,
  ],
  providers: [WorkerChangeTracker, WorkerChangePoller],
  exports: [WorkerChangeTracker, WorkerChangePoller],
})
export class ChangesModule {}
