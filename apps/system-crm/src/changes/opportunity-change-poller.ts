import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CrmEventTypes } from '@app/contracts';
import { MetricsService, PollingLoop } from '@app/platform';
import { crmPollerConfig, CrmPollerSettings } from './crm-poller.config';
import { OpportunityChangeTracker, PollResult } from './opportunity-change-tracker';

/**
 * Runs the change tracker every CRM_POLL_INTERVAL_MS while the app runs: started on bootstrap,
 * stopped (waiting for the poll in flight) on shutdown; CRM_POLL_ENABLED=false turns it off.
 * Polls never overlap; a failed poll is logged and retried with a growing pause (at most 30 s).
 */
@Injectable()
export class OpportunityChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OpportunityChangePoller');
  private readonly loop: PollingLoop<PollResult>;

  constructor(
    tracker: OpportunityChangeTracker,
    @Inject(crmPollerConfig.KEY) private readonly config: CrmPollerSettings,
    metrics: MetricsService,
  ) {
    const eventsStaged = metrics.counter('crm_events_staged_total', 'Events staged by the CRM change feed, by type', [
      'type',
    ]);
    this.loop = new PollingLoop(
      {
        name: 'CRM',
        metricPrefix: 'crm',
        intervalMs: config.intervalMs,
        poll: () => tracker.pollOnce(),
        onSuccess: (result) => {
          if (result.events > 0) eventsStaged.inc({ type: CrmEventTypes.OpportunityClosedWon }, result.events);
          if (result.events > 0 || result.initialised) this.log.debug(result, 'CRM poll');
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.log.log('CRM polling disabled (CRM_POLL_ENABLED=false)');
      return;
    }
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.loop.isRunning;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the poll in flight to finish. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
