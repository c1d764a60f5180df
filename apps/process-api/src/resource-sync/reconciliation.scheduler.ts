import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MetricsService, PollingLoop } from '@app/platform';
import { ReconciliationService } from './reconciliation.service';
import { resourceSyncConfig, type ResourceSyncConfig } from './resource-sync.config';

/** Runs the resource reconciliation every RESOURCE_RECONCILIATION_INTERVAL_MS when enabled (never overlapping). */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ReconciliationScheduler.name);
  private readonly loop: PollingLoop<void>;

  constructor(
    private readonly reconciliation: ReconciliationService,
    @Inject(resourceSyncConfig.KEY) private readonly config: ResourceSyncConfig,
    metrics: MetricsService,
  ) {
    this.loop = new PollingLoop(
      {
        name: 'ResourceReconciliation',
        metricPrefix: 'resource_reconciliation',
        intervalMs: config.intervalMs,
        maxBackoffMs: config.intervalMs,
        poll: async () => {
          // Through start(): a run the API started is joined, never doubled.
          reconciliation.start('schedule');
          await reconciliation.settle();
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.scheduleEnabled) {
      this.log.log('Scheduled resource reconciliation off (RESOURCE_RECONCILIATION_ENABLED=false)');
      return;
    }
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.reconciliation.settle();
  }
}
