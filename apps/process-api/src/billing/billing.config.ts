import { defineConfig } from '@app/platform';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** Billing's settings. */
export class BillingConfig {
  /** BILLING_RUN_WORKER: `false` records approved runs without calling the vendors (tests, maintenance). */
  @IsBoolean()
  workerEnabled: boolean = true;

  /** BILLING_RUN_POLL_INTERVAL_MS: pause between the worker's looks for invoices to send (default 250 ms). */
  @IsInt()
  @Min(20)
  @Max(60_000)
  pollIntervalMs: number = 250;

  /** BILLING_RUN_LEASE_MS: how long a replica holds a run before another may take it over (default 30 s). */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  leaseMs: number = 30_000;

  /** BILLING_RUN_RETRY_MS: first pause before an invoice step that failed technically is tried again (doubles, to 32x). */
  @IsInt()
  @Min(10)
  @Max(600_000)
  retryMs: number = 2000;

  /** BILLING_RUN_CONCURRENCY: invoices of one run sent to the vendors at once (default 4). */
  @IsInt()
  @Min(1)
  @Max(64)
  concurrency: number = 4;
}

export const billingConfig = defineConfig('billing', BillingConfig, (env) => ({
  workerEnabled: env.BILLING_RUN_WORKER,
  pollIntervalMs: env.BILLING_RUN_POLL_INTERVAL_MS,
  leaseMs: env.BILLING_RUN_LEASE_MS,
  retryMs: env.BILLING_RUN_RETRY_MS,
  concurrency: env.BILLING_RUN_CONCURRENCY,
}));
