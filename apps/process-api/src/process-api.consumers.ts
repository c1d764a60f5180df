import { EventTypes } from '@app/contracts';
import type { ConsumerDefinition } from '@app/messaging';
import { BILLING_FEEDBACK_GROUP } from './billing-feedback/billing-feedback.constants';
import { FEEDBACK_EVENT_TYPES, InvoiceEventsConsumer } from './billing-feedback/invoice-events.consumer';
import { BILLING_INTAKE_GROUP } from './billing/billing.constants';
import { BillableIntakeConsumer } from './billing/intake/billable-intake.consumer';
import { OpportunityClosedWonConsumer } from './project-setup/opportunity-closed-won.consumer';
import { PROJECT_SETUP_GROUP } from './project-setup/project-setup.constants';
import { RESOURCE_SYNC_GROUP, RESOURCE_SYNC_TIME_GROUP } from './resource-sync/resource-sync.constants';
import { TimeApprovedConsumer } from './resource-sync/time-approved.consumer';
import { WorkerChangedConsumer } from './resource-sync/worker-changed.consumer';

/**
 * The consumer groups of process-api. The module subscribes them on start; a launcher may also pass them
 * to `registerSubscriptions` before starting any app, so no event published meanwhile is missed.
 */
export const processApiConsumers: ConsumerDefinition[] = [
  { group: PROJECT_SETUP_GROUP, types: [EventTypes.OpportunityClosedWon], consumer: OpportunityClosedWonConsumer },
  { group: RESOURCE_SYNC_GROUP, types: [EventTypes.WorkerChanged], consumer: WorkerChangedConsumer },
  { group: RESOURCE_SYNC_TIME_GROUP, types: [EventTypes.TimeApproved], consumer: TimeApprovedConsumer },
  {
    group: BILLING_INTAKE_GROUP,
    types: [EventTypes.TimeApproved, EventTypes.ExpenseApproved, EventTypes.MilestoneCompleted],
    consumer: BillableIntakeConsumer,
  },
  { group: BILLING_FEEDBACK_GROUP, types: FEEDBACK_EVENT_TYPES, consumer: InvoiceEventsConsumer },
];
