import { defineConfig } from '@app/platform';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** The resource sync's settings. */
export class ResourceSyncConfig {
  /** RESOURCE_RECONCILIATION_ENABLED: run the reconciliation on a schedule (off by default). */
  @IsBoolean()
  scheduleEnabled: boolean = false;

  /** RESOURCE_RECONCILIATION_INTERVAL_MS: pause between scheduled reconciliations (default 6 h). */
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3600 * 1000)
  intervalMs: number = 6 * 3600 * 1000;
}

export const resourceSyncConfig = defineConfig('resourceSync', ResourceSyncConfig, (env) => ({
  scheduleEnabled: env.RESOURCE_RECONCILIATION_ENABLED,
  intervalMs: env.RESOURCE_RECONCILIATION_INTERVAL_MS,
}));
