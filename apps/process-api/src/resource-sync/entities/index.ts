import { AssignmentVersionEntity } from './assignment-version.entity';
import { BillingHoldEntity } from './billing-hold.entity';
import { ReconciliationReportEntity } from './reconciliation-report.entity';
import { WorkerSyncStateEntity } from './worker-sync-state.entity';

export { AssignmentVersionEntity, BillingHoldEntity, ReconciliationReportEntity, WorkerSyncStateEntity };

/** The resource sync's tables in the `process` schema. */
export const resourceSyncEntities = [
  WorkerSyncStateEntity,
  AssignmentVersionEntity,
  BillingHoldEntity,
  ReconciliationReportEntity,
];
