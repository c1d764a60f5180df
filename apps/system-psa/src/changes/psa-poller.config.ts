import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** Change detection by polling the PSA. */
export class PsaPollerConfig {
  /** Poll at all (false: no poller; the API still serves). */
  @IsBoolean()
  enabled: boolean = true;

  /** Pause between the end of one poll and the start of the next. */
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  intervalMs: number = 5000;

  /** Each poll re-reads changes this far behind the cursor (the snapshot makes re-reading harmless). */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  overlapMs: number = 2000;
}

export const psaPollerConfig = defineConfig('psaPoller', PsaPollerConfig, (env) => ({
  enabled: env.PSA_POLL_ENABLED,
  intervalMs: env.PSA_POLL_INTERVAL_MS,
  overlapMs: env.PSA_POLL_OVERLAP_MS,
}));

export type PsaPollerSettings = ConfigType<typeof psaPollerConfig>;
