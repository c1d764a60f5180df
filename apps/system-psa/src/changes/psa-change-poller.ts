import { Correlation, MetricsService } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { PsaChangeTracker } from './psa-change-tracker';
import { psaPollerConfig, PsaPollerSettings } from './psa-poller.config';

/**
 * Runs the change tracker every PSA_POLL_INTERVAL_MS while the app runs (started on bootstrap, stopped
 * on shutdown after the poll in flight; polls never overlap; failures back off up to 30 s).
 */
@Injectable()
export class PsaChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PsaChangePoller');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;
  private readonly polls: Counter<'outcome'>;
  private readonly eventsStaged: Counter<'feed'>;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly tracker: PsaChangeTracker,
    @Inject(psaPollerConfig.KEY) private readonly config: PsaPollerSettings,
    metrics: MetricsService,
  ) {
    this.polls = metrics.counter('psa_polls_total', 'PSA change polls, by outcome (ok, failed)', ['outcome']);
    this.eventsStaged = metrics.counter('psa_events_staged_total', 'Events staged by the PSA change feeds, by feed', [
      'feed',
    ]);
    this.lastSuccess = metrics.gauge(
      'psa_poll_last_success_timestamp_seconds',
      'When the PSA change feeds last polled successfully',
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
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const results = await Correlation.run(Correlation.create(), () => this.tracker.pollOnce());
      this.polls.inc({ outcome: 'ok' });
      for (const r of results) if (r.events > 0) this.eventsStaged.inc({ feed: r.feed }, r.events);
      this.lastSuccess.set(Date.now() / 1000);
      if (this.failures > 0) this.log.log(`PSA poll recovered after ${this.failures} failure(s)`);
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.polls.inc({ outcome: 'failed' });
      this.log.warn({ err: error, failures: this.failures }, 'PSA poll failed; retrying');
    }
    const backoff =
      this.failures === 0 ? 0 : Math.min(30_000, this.config.intervalMs * 2 ** Math.min(this.failures, 5));
    this.schedule(Math.max(this.config.intervalMs, backoff));
  }
}
