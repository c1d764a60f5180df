import { EventTypes } from '@app/contracts';
import { EventConsumer, EventEnvelope, HandlerContext, NonRetryableError } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { InvoiceFeedbackService } from './invoice-feedback.service';
import type { ImpliedStatus } from './invoice-status';

/** The invoice events the status feedback consumes (system-billing's and system-erp's). */
export const FEEDBACK_EVENT_TYPES: string[] = [
  EventTypes.InvoiceFinalized,
  EventTypes.InvoicePartiallyPaid,
  EventTypes.InvoicePaid,
  EventTypes.InvoicePaymentFailed,
  EventTypes.InvoiceVoided,
  EventTypes.InvoicePosted,
];

const IMPLIED: Record<string, ImpliedStatus> = {
  [EventTypes.InvoicePaid]: 'paid',
  [EventTypes.InvoicePaymentFailed]: 'overdue',
  [EventTypes.InvoiceVoided]: 'voided',
};

/**
 * `invoice.*` events -> the CRM invoice record and the PSA invoice status. Idempotent: the inbox drops
 * a redelivery, and a late or repeated event re-reads the invoice and can only move its state forward.
 */
@Injectable()
export class InvoiceEventsConsumer implements EventConsumer {
  constructor(private readonly feedback: InvoiceFeedbackService) {}

  async handle(event: EventEnvelope, { manager }: HandlerContext): Promise<void> {
    const data = (event.data ?? {}) as { invoiceId?: unknown; invoice?: { id?: unknown }; paidAt?: unknown };
    const invoiceId = typeof data.invoiceId === 'string' ? data.invoiceId : data.invoice?.id;
    if (typeof invoiceId !== 'string' || invoiceId.length === 0)
      throw new NonRetryableError(`${event.type} ${event.id} names no invoice`);
    await this.feedback.apply(
      invoiceId,
      `${event.type} ${event.id} (${event.source})`,
      manager,
      IMPLIED[event.type],
      typeof data.paidAt === 'string' ? data.paidAt : undefined,
    );
  }
}
