import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { GatewayResourceDirectory } from './gateway-resource-directory';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';
import { ReconciliationsController } from './reconciliations.controller';
import { RESOURCE_DIRECTORY } from './resource-directory';
import { BusinessResourceExceptions, RESOURCE_EXCEPTIONS } from './resource-exceptions';
import { resourceSyncConfig } from './resource-sync.config';
import { TimeApprovedConsumer } from './time-approved.consumer';
import { WorkerChangedConsumer } from './worker-changed.consumer';
import { WorkerSyncService } from './worker-sync.service';

/** Resource sync: worker.changed -> PSA and ERP, inactive-worker holds, reconciliation of the worker sets. */
@Module({
  imports: [ConfigModule.forFeature(resourceSyncConfig)],
  controllers: [ReconciliationsController],
  providers: [
    { provide: RESOURCE_DIRECTORY, useClass: GatewayResourceDirectory },
    { provide: RESOURCE_EXCEPTIONS, useClass: BusinessResourceExceptions },
    WorkerSyncService,
    WorkerChangedConsumer,
    TimeApprovedConsumer,
    ReconciliationService,
    ReconciliationScheduler,
  ],
  exports: [WorkerChangedConsumer, TimeApprovedConsumer],
})
export class ResourceSyncModule {}
