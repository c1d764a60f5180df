import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { erpPollerConfig, ErpPollerSettings } from './erp-poller.config';
import { InvoiceChangeTracker } from './invoice-change-tracker';

/** Runs the invoice change tracker every ERP_POLL_INTERVAL_MS (never overlapping; backs off while the ERP fails). */
@Injectable()
export class InvoiceChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('InvoiceChangePoller');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly tracker: InvoiceChangeTracker,
    @Inject(erpPollerConfig.KEY) private readonly config: ErpPollerSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.enabled) return;
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await Correlation.run(Correlation.create(), () => this.tracker.pollOnce());
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.log.warn({ err: error, failures: this.failures }, 'ERP invoice poll failed; retrying');
    }
    this.schedule(Math.min(60_000, this.config.intervalMs * 2 ** Math.min(this.failures, 5)));
  }
}
