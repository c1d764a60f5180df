import { CrmEventTypes } from '../crm/opportunity-events';

/**
 * Every event type that crosses the layers, `<object>.<past-tense change>`. The envelope
 * (id, version, correlation...) is libs/messaging's EventEnvelope; its `data` is the payload named
 * in EventPayloads.
 */
export const EventTypes = {
  /** A customer was created or changed in its system of record. */
  CustomerChanged: 'customer.changed',
  /** A CRM opportunity moved into closed-won. */
  OpportunityClosedWon: CrmEventTypes.OpportunityClosedWon,
  /** A project was set up in the PSA and ERP after a won deal. */
  ProjectProvisioned: 'project.provisioned',
  /** A worker was hired, changed or terminated in the HRIS. */
  WorkerChanged: 'worker.changed',
  /** A time entry was approved and can be invoiced. */
  TimeApproved: 'time.approved',
  /** An expense was approved. */
  ExpenseApproved: 'expense.approved',
  /** A milestone was completed and can be invoiced. */
  MilestoneCompleted: 'milestone.completed',
  /** An invoice was finalized in the billing platform (numbered, sent). */
  InvoiceFinalized: 'invoice.finalized',
  /** An invoice was paid in full. */
  InvoicePaid: 'invoice.paid',
  /** A payment was received on an invoice that is not yet paid in full (amount remaining > 0). */
  InvoicePartiallyPaid: 'invoice.partially_paid',
  /** A payment attempt on an invoice failed. */
  InvoicePaymentFailed: 'invoice.payment_failed',
  /** An invoice was voided. */
  InvoiceVoided: 'invoice.voided',
  /** An invoice was posted to the ERP ledger. */
  InvoicePosted: 'invoice.posted',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/** All event types, in declaration order. */
export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.values(EventTypes));

/** True for a known event type string. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
