import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** The invoice change feed (payment status) polled from the ERP. */
export class ErpPollerConfig {
  @IsBoolean()
  enabled: boolean = true;

  @IsInt()
  @Min(100)
  @Max(3_600_000)
  intervalMs: number = 10_000;
}

export const erpPollerConfig = defineConfig('erpPoller', ErpPollerConfig, (env) => ({
  enabled: env.ERP_POLL_ENABLED,
  intervalMs: env.ERP_POLL_INTERVAL_MS,
}));

export type ErpPollerSettings = ConfigType<typeof erpPollerConfig>;
