import { EventTypes } from '@app/contracts';
import { MetricsService, PollingLoop } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hrisPollerConfig, HrisPollerSettings } from './hris-poller.config';
import { HrisPollResult, WorkerChangeTracker } from './worker-change-tracker';

/**
 * Runs the worker change tracker every HRIS_POLL_INTERVAL_MS while the app runs (started on
 * bootstrap, stopped on shutdown after the poll in flight; HRIS_POLL_ENABLED=false turns it off).
 * Polls never overlap; failures back off up to 60 s.
 */
@Injectable()
export class WorkerChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerChangePoller');
  private readonly loop: PollingLoop<HrisPollResult>;

  constructor(
    tracker: WorkerChangeTracker,
    @Inject(hrisPollerConfig.KEY) private readonly config: HrisPollerSettings,
    metrics: MetricsService,
  ) {
    const eventsStaged = metrics.counter(
      'hris_events_staged_total',
      `${EventTypes.WorkerChanged} events staged by the HRIS change feed, by lifecycle kind`,
      ['lifecycle'],
    );
    const unmapped = metrics.gauge(
      'hris_workers_unmapped',
      'Changed workers held back: job profile without a role mapping',
    );
    this.loop = new PollingLoop(
      {
        name: 'HRIS',
        metricPrefix: 'hris',
        intervalMs: config.intervalMs,
        maxBackoffMs: 60_000,
        poll: () => tracker.pollOnce(),
        onSuccess: (result) => {
          for (const [lifecycle, n] of Object.entries(result.kinds)) eventsStaged.inc({ lifecycle }, n);
          unmapped.set(result.unmapped.length);
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.log.log('HRIS polling disabled (HRIS_POLL_ENABLED=false)');
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

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
