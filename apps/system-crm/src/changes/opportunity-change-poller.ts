import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CrmEventTypes } from '@app/contracts';
import { Correlation, MetricsService } from '@app/platform';
import type { Counter, Gauge } from 'prom-client';
import { crmPollerConfig, CrmPollerSettings } from './crm-poller.config';
import { OpportunityChangeTracker } from './opportunity-change-tracker';

/**
 * Runs the change tracker every CRM_POLL_INTERVAL_MS while the app runs: started on bootstrap,
 * stopped (waiting for the poll in flight) on shutdown; CRM_POLL_ENABLED=false turns it off.
 * Polls never overlap (the next is scheduled when one ends). A failed poll is logged and retried
 * at the next tick, with a growing pause while the CRM keeps failing (at most 30 s).
 */
@Injectable()
export class OpportunityChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OpportunityChangePoller');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;
  private readonly polls: Counter<'outcome'>;
  private readonly eventsStaged: Counter<'type'>;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly tracker: OpportunityChangeTracker,
    @Inject(crmPollerConfig.KEY) private readonly config: CrmPollerSettings,
    metrics: MetricsService,
  ) {
    this.polls = metrics.counter('crm_polls_total', 'CRM change polls, by outcome (ok, failed)', ['outcome']);
    this.eventsStaged = metrics.counter('crm_events_staged_total', 'Events staged by the CRM change feed, by type', [
      'type',
    ]);
    this.lastSuccess = metrics.gauge(
      'crm_poll_last_success_timestamp_seconds',
      'When the CRM change feed last polled successfully',
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
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the poll in flight to finish. */
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
      if (result.events > 0) this.eventsStaged.inc({ type: CrmEventTypes.OpportunityClosedWon }, result.events);
      this.lastSuccess.set(Date.now() / 1000);
      if (this.failures > 0) this.log.log(`CRM poll recovered after ${this.failures} failure(s)`);
      this.failures = 0;
      if (result.events > 0 || result.initialised) this.log.debug(result, 'CRM poll');
    } catch (error) {
      this.failures++;
      this.polls.inc({ outcome: 'failed' });
      this.log.warn({ err: error, failures: this.failures }, 'CRM poll failed; retrying');
    }
    const backoff =
      this.failures === 0 ? 0 : Math.min(30_000, this.config.intervalMs * 2 ** Math.min(this.failures, 5));
    this.schedule(Math.max(this.config.intervalMs, backoff));
  }
}
