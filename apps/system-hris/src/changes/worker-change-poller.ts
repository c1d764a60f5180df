import { EventTypes } from '@app/contracts';
import { Correlation, MetricsService } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { hrisPollerConfig, HrisPollerSettings } from './hris-poller.config';
import { WorkerChangeTracker } from './worker-change-tracker';

/**
 * Runs the worker change tracker every HRIS_POLL_INTERVAL_MS while the app runs (started on
 * bootstrap, stopped on shutdown after the poll in flight; HRIS_POLL_ENABLED=false turns it off).
 * Polls never overlap; failures back off up to 60 s.
 */
@Injectable()
export class WorkerChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerChangePoller');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;
  private readonly polls: Counter<'outcome'>;
  private readonly eventsStaged: Counter<'lifecycle'>;
  private readonly unmapped: Gauge;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly tracker: WorkerChangeTracker,
    @Inject(hrisPollerConfig.KEY) private readonly config: HrisPollerSettings,
    metrics: MetricsService,
  ) {
    this.polls = metrics.counter('hris_polls_total', 'HRIS change polls, by outcome (ok, failed)', ['outcome']);
    this.eventsStaged = metrics.counter(
      'hris_events_staged_total',
      `${EventTypes.WorkerChanged} events staged by the HRIS change feed, by lifecycle kind`,
      ['lifecycle'],
    );
    this.unmapped = metrics.gauge(
      'hris_workers_unmapped',
      'Changed workers held back: job profile without a role mapping',
    );
    this.lastSuccess = metrics.gauge(
      'hris_poll_last_success_timestamp_seconds',
      'When the HRIS change feed last polled successfully',
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
      const result = await Correlation.run(Correlation.create(), () => this.tracker.pollOnce());
      this.polls.inc({ outcome: 'ok' });
      for (const [lifecycle, n] of Object.entries(result.kinds)) this.eventsStaged.inc({ lifecycle }, n);
      this.unmapped.set(result.unmapped.length);
      this.lastSuccess.set(Date.now() / 1000);
      if (this.failures > 0) this.log.log(`HRIS poll recovered after ${this.failures} failure(s)`);
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.polls.inc({ outcome: 'failed' });
      this.log.warn({ err: error, failures: this.failures }, 'HRIS poll failed; retrying');
    }
    const backoff =
      this.failures === 0 ? 0 : Math.min(60_000, this.config.intervalMs * 2 ** Math.min(this.failures, 5));
    this.schedule(Math.max(this.config.intervalMs, backoff));
  }
}
