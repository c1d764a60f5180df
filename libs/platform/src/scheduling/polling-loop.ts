import { Logger } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { Correlation } from '../correlation/correlation';
import type { MetricsService } from '../metrics/metrics.service';

export interface PollingLoopOptions<T> {
  /** Shown in log lines, e.g. `CRM`. */
  name: string;
  /** Metric name prefix: `<prefix>_polls_total{outcome}` and `<prefix>_poll_last_success_timestamp_seconds`. */
  metricPrefix: string;
  /** Pause between the end of one poll and the start of the next. */
  intervalMs: number;
  /** Longest pause while polls keep failing (exponential from intervalMs). Default 30000. */
  maxBackoffMs?: number;
  /** One poll. Runs in a correlation context of its own, so its logs, calls and events share an id. */
  poll: () => Promise<T>;
  /** After a successful poll (metrics of what it found, debug logs). */
  onSuccess?: (result: T) => void;
}

/**
 * Runs a poll again and again while an app runs: never two at once (the next is scheduled when one
 * ends), failures logged and retried with a growing pause, `stop()` waiting for the poll in flight.
 * The vendor change feeds (CRM, PSA, HRIS...) share it.
 */
export class PollingLoop<T = unknown> {
  private readonly log: Logger;
  private readonly polls: Counter<'outcome'>;
  private readonly lastSuccess: Gauge;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly options: PollingLoopOptions<T>,
    metrics: MetricsService,
  ) {
    this.log = new Logger(`${options.name}Poller`);
    this.polls = metrics.counter(
      `${options.metricPrefix}_polls_total`,
      `${options.name} change polls, by outcome (ok, failed)`,
      ['outcome'],
    );
    this.lastSuccess = metrics.gauge(
      `${options.metricPrefix}_poll_last_success_timestamp_seconds`,
      `When the ${options.name} change feed last polled successfully`,
    );
  }

  get isRunning(): boolean {
    return !this.stopped;
  }

  /** Consecutive failed polls (0 when the last one succeeded). */
  get consecutiveFailures(): number {
    return this.failures;
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
      const result = await Correlation.run(Correlation.create(), () => this.options.poll());
      this.polls.inc({ outcome: 'ok' });
      this.lastSuccess.set(Date.now() / 1000);
      if (this.failures > 0) this.log.log(`${this.options.name} poll recovered after ${this.failures} failure(s)`);
      this.failures = 0;
      this.options.onSuccess?.(result);
    } catch (error) {
      this.failures++;
      this.polls.inc({ outcome: 'failed' });
      this.log.warn({ err: error, failures: this.failures }, `${this.options.name} poll failed; retrying`);
    }
    const interval = this.options.intervalMs;
    const backoff =
      this.failures === 0
        ? 0
        : Math.min(this.options.maxBackoffMs ?? 30_000, interval * 2 ** Math.min(this.failures, 5));
    this.schedule(Math.max(interval, backoff));
  }
}
