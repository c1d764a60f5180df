import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** Change detection by polling the CRM. */
export class CrmPollerConfig {
  /** Poll at all (false: no poller; the API still serves). */
  @IsBoolean()
  enabled: boolean = true;

  /** Pause between the end of one poll and the start of the next. */
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  intervalMs: number = 1000;

  /**
   * Pause between account polls (customer.changed): longer than the opportunity interval, so the two
   * feeds together stay inside the org's daily API allocation (1 s + 10 s = 95,040 calls a day).
   */
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  accountIntervalMs: number = 10_000;

  /**
   * Each poll re-reads changes this far behind the cursor: a change committed late with an older
   * timestamp is still seen; the snapshot makes re-reading harmless (no repeated events).
   */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  overlapMs: number = 2000;
}

export const crmPollerConfig = defineConfig('crmPoller', CrmPollerConfig, (env) => ({
  enabled: env.CRM_POLL_ENABLED,
  intervalMs: env.CRM_POLL_INTERVAL_MS,
  accountIntervalMs: env.CRM_ACCOUNT_POLL_INTERVAL_MS,
  overlapMs: env.CRM_POLL_OVERLAP_MS,
}));

export type CrmPollerSettings = ConfigType<typeof crmPollerConfig>;
