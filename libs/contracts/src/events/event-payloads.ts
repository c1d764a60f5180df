import type { OpportunityClosedWonData } from '../crm/opportunity-events';
import { CustomerChangedData } from './customer-events.dto';
import {
  ExpenseApprovedData,
  MilestoneCompletedData,
  ProjectProvisionedData,
  TimeApprovedData,
} from './delivery-events.dto';
import { EventTypes, type EventType } from './event-types';
import {
  InvoiceFinalizedData,
  InvoicePaidData,
  InvoicePartiallyPaidData,
  InvoicePaymentFailedData,
  InvoicePostedData,
  InvoiceVoidedData,
} from './invoice-events.dto';
import { WorkerChangedData } from './people-events.dto';

/** The `data` of each event type: `EventEnvelope<EventPayloads['time.approved']>`. */
export interface EventPayloads {
  [EventTypes.CustomerChanged]: CustomerChangedData;
  [EventTypes.OpportunityClosedWon]: OpportunityClosedWonData;
  [EventTypes.ProjectProvisioned]: ProjectProvisionedData;
  [EventTypes.WorkerChanged]: WorkerChangedData;
  [EventTypes.TimeApproved]: TimeApprovedData;
  [EventTypes.ExpenseApproved]: ExpenseApprovedData;
  [EventTypes.MilestoneCompleted]: MilestoneCompletedData;
  [EventTypes.InvoiceFinalized]: InvoiceFinalizedData;
  [EventTypes.InvoicePaid]: InvoicePaidData;
  [EventTypes.InvoicePartiallyPaid]: InvoicePartiallyPaidData;
  [EventTypes.InvoicePaymentFailed]: InvoicePaymentFailedData;
  [EventTypes.InvoiceVoided]: InvoiceVoidedData;
  [EventTypes.InvoicePosted]: InvoicePostedData;
}

/** Payload type of one event type. */
export type EventPayload<T extends EventType> = EventPayloads[T];

/**
 * The validated class of each event's data, for `validateContract(EventPayloadContracts[type], data)`
 * in a consumer or a publisher. Types whose payload is declared as an interface have no entry.
 */
export const EventPayloadContracts: { readonly [K in EventType]?: new () => EventPayloads[K] } = Object.freeze({
  [EventTypes.CustomerChanged]: CustomerChangedData,
  [EventTypes.ProjectProvisioned]: ProjectProvisionedData,
  [EventTypes.WorkerChanged]: WorkerChangedData,
  [EventTypes.TimeApproved]: TimeApprovedData,
  [EventTypes.ExpenseApproved]: ExpenseApprovedData,
  [EventTypes.MilestoneCompleted]: MilestoneCompletedData,
  [EventTypes.InvoiceFinalized]: InvoiceFinalizedData,
  [EventTypes.InvoicePaid]: InvoicePaidData,
  [EventTypes.InvoicePartiallyPaid]: InvoicePartiallyPaidData,
  [EventTypes.InvoicePaymentFailed]: InvoicePaymentFailedData,
  [EventTypes.InvoiceVoided]: InvoiceVoidedData,
  [EventTypes.InvoicePosted]: InvoicePostedData,
});
