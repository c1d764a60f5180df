import { defineConfig } from '@app/platform';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** The status feedback's settings. */
export class BillingFeedbackConfig {
  /** BILLING_FEEDBACK_SWEEP_ENABLED: look for invoices past their due date on a schedule (default on). */
  @IsBoolean()
  sweepEnabled: boolean = true;

  /** BILLING_FEEDBACK_SWEEP_INTERVAL_MS: pause between overdue sweeps (default 1 h). */
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3600 * 1000)
  sweepIntervalMs: number = 3600 * 1000;
}

export const billingFeedbackConfig = defineConfig('billingFeedback', BillingFeedbackConfig, (env) => ({
  sweepEnabled: env.BILLING_FEEDBACK_SWEEP_ENABLED,
  sweepIntervalMs: env.BILLING_FEEDBACK_SWEEP_INTERVAL_MS,
}));
