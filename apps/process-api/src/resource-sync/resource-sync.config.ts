import { defineConfig } from '@app/platform';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

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

  /**
   * RESOURCE_SYNC_COST_CENTRES: the firm's cost centres, comma-separated; `UK-100` is known in every
   * legal entity, `UK-01/UK-100` only in UK-01. A worker with a cost centre outside the list is a
   * `worker-data-invalid` exception and nothing is written. Empty (the default): not checked.
   */
  @IsString()
  @MaxLength(20000)
  costCentres: string = '';
}

/** The known cost centres, parsed: `null` when the check is off. */
export function parseCostCentres(list: string): { any: Set<string>; byEntity: Set<string> } | null {
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) return null;
  return {
    any: new Set(entries.filter((e) => !e.includes('/'))),
    byEntity: new Set(entries.filter((e) => e.includes('/'))),
  };
}

export const resourceSyncConfig = defineConfig('resourceSync', ResourceSyncConfig, (env) => ({
  scheduleEnabled: env.RESOURCE_RECONCILIATION_ENABLED,
  intervalMs: env.RESOURCE_RECONCILIATION_INTERVAL_MS,
  costCentres: env.RESOURCE_SYNC_COST_CENTRES,
}));
