import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProvisioningEntity, ProvisioningStepNames } from '../provisioning.entity';
import type { ProvisioningStepName } from '../provisioning.entity';

/** One step of the provisioning workflow as run. */
export class ProvisioningStepDto {
  @ApiProperty({ enum: ProvisioningStepNames, enumName: 'ProvisioningStepName' })
  name: ProvisioningStepName;
  /** `done`, or `failed` (see `error`; a technical failure is retried, the step then appears again as done). */
  @ApiProperty({ enum: ['done', 'failed'], enumName: 'ProvisioningStepStatus' })
  status: 'done' | 'failed';
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiProperty({ format: 'date-time' })
  finishedAt: string;
  /** Ids in the systems the step touched (e.g. `erpProjectId`, `psaProject_kantata`). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  vendorIds?: Record<string, string>;
  /** Why it failed. */
  error?: string;
}

/** One compensation action after a step failed for good. */
export class ProvisioningCompensationDto {
  /** What was undone: `archive-psa-workspace`, `deactivate-erp-project`, `cancel-billing-schedule`, `keep-billing-customer`. */
  @ApiProperty({ example: 'deactivate-erp-project' })
  action: string;
  /** Canonical id of what it acted on. */
  target: string;
  /** `done`, `failed` (refused, or kept failing: see `error`; left for a person), `kept` (the system offers no undo) or `retrying`. */
  @ApiProperty({ example: 'done' })
  status: string;
  /** Tries so far (a technical failure is retried). */
  @ApiProperty({ type: 'integer' })
  attempts: number;
  @ApiProperty({ format: 'date-time' })
  at: string;
  /** Why it failed or was kept. */
  error?: string;
}

/** The optional workflow fields of a row (absent, not null, when unknown). */
export function workflowFields(row: ProvisioningEntity): {
  projectId?: string;
  projectCode?: string;
  steps?: ProvisioningStepDto[];
  lastError?: string;
  provisionedAt?: string;
  compensations?: ProvisioningCompensationDto[];
} {
  const out: ReturnType<typeof workflowFields> = {};
  if (row.projectId) out.projectId = row.projectId;
  if (row.projectCode) out.projectCode = row.projectCode;
  if (row.steps?.length)
    out.steps = row.steps.map((s) => ({ ...s, ...(s.vendorIds ? { vendorIds: { ...s.vendorIds } } : {}) }));
  if (row.lastError) out.lastError = row.lastError;
  if (row.provisionedAt) out.provisionedAt = row.provisionedAt.toISOString();
  if (row.compensations?.length) out.compensations = row.compensations.map((c) => ({ ...c }));
  return out;
}
