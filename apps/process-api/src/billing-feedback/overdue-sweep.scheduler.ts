import { MetricsService, PollingLoop } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { billingFeedbackConfig, type BillingFeedbackConfig } from './billing-feedback.config';
import { InvoiceFeedbackService } from './invoice-feedback.service';

/** Runs the overdue sweep every BILLING_FEEDBACK_SWEEP_INTERVAL_MS when enabled (never overlapping). */
@Injectable()
export class OverdueSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OverdueSweepScheduler.name);
  private readonly loop: PollingLoop<void>;

  constructor(
    feedback: InvoiceFeedbackService,
    @Inject(billingFeedbackConfig.KEY) private readonly config: BillingFeedbackConfig,
    metrics: MetricsService,
  ) {
    this.loop = new PollingLoop(
      {
        name: 'InvoiceOverdueSweep',
        metricPrefix: 'invoice_overdue_sweep',
        intervalMs: config.sweepIntervalMs,
        maxBackoffMs: config.sweepIntervalMs,
        poll: async () => {
          const { checked, overdue } = await feedback.sweepOverdue();
          if (checked > 0) this.log.log({ checked, overdue }, 'overdue sweep');
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.sweepEnabled) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
