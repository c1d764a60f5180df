import { MetricsService, PollingLoop } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FeedPollResult, PsaChangeTracker } from './psa-change-tracker';
import { psaPollerConfig, PsaPollerSettings } from './psa-poller.config';

/**
 * Runs the change tracker every PSA_POLL_INTERVAL_MS while the app runs (started on bootstrap, stopped
 * on shutdown after the poll in flight; polls never overlap; failures back off up to 30 s).
 */
@Injectable()
export class PsaChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PsaChangePoller');
  private readonly loop: PollingLoop<FeedPollResult[]>;

  constructor(
    tracker: PsaChangeTracker,
    @Inject(psaPollerConfig.KEY) private readonly config: PsaPollerSettings,
    metrics: MetricsService,
  ) {
    const eventsStaged = metrics.counter('psa_events_staged_total', 'Events staged by the PSA change feeds, by feed', [
      'feed',
    ]);
    this.loop = new PollingLoop(
      {
        name: 'PSA',
        metricPrefix: 'psa',
        intervalMs: config.intervalMs,
        poll: () => tracker.pollOnce(),
        onSuccess: (results) => {
          for (const r of results) if (r.events > 0) eventsStaged.inc({ feed: r.feed }, r.events);
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.log.log('PSA polling disabled (PSA_POLL_ENABLED=false)');
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
