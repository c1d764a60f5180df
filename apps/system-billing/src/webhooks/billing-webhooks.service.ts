import {
  assertValidContract,
  EventTypes,
  InvoiceDto,
  InvoiceFinalizedData,
  InvoicePaidData,
  InvoicePartiallyPaidData,
  InvoicePaymentFailedData,
  InvoiceVoidedData,
  money,
} from '@app/contracts';
import { newEvent, OutboxService } from '@app/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BILLING_ADAPTER, BillingAdapter, BillingWebhookEvent } from '../adapters/billing-adapter';
import { mergeInvoiceState } from '../adapters/stripe/stripe-mapper';
import { BillingRecordsService } from '../cross-references/billing-records.service';
import { WebhookEventEntity } from './webhook-event.entity';

export const SYSTEM_BILLING_SOURCE = 'system-billing';

export interface WebhookOutcome {
  received: true;
  /** published: a canonical event was staged; duplicate: seen before; ignored: nothing to publish. */
  outcome: 'published' | 'duplicate' | 'ignored';
}

/**
 * Verified vendor webhooks -> canonical invoice events through the outbox, each vendor event at most
 * once (its id is recorded in the same transaction as the staged event).
 */
@Injectable()
export class BillingWebhooksService {
  private readonly log = new Logger('BillingWebhooks');

  constructor(
    @Inject(BILLING_ADAPTER) private readonly billing: BillingAdapter,
    private readonly records: BillingRecordsService,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
  ) {}

  async handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<WebhookOutcome> {
    const event = this.billing.verifyWebhook(rawBody, headers);
    return this.dataSource.transaction(async (m) => {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(WebhookEventEntity)
        .values({
          vendorEventId: event.vendorEventId,
          system: this.billing.system,
          type: event.type ?? null,
          outcome: 'ignored',
        } as QueryDeepPartialEntity<WebhookEventEntity>)
        .orIgnore()
        .returning(['vendorEventId'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return { received: true, outcome: 'duplicate' };
      const published = await this.publish(m, event);
      if (published)
        await m.update(WebhookEventEntity, { vendorEventId: event.vendorEventId }, { outcome: 'published' });
      return { received: true, outcome: published ? 'published' : 'ignored' };
    });
  }

  private async publish(m: EntityManager, event: BillingWebhookEvent): Promise<boolean> {
    if (!event.type || !event.invoice) return false;
    const record = await this.records.findByVendorId('invoice', this.billing.system, event.invoice.vendorId, m);
    if (!record) {
      this.log.log(
        { vendorInvoiceId: event.invoice.vendorId, type: event.type },
        'webhook about an invoice system-billing did not create: ignored',
      );
      return false;
    }
    const composed = record.payload as unknown as InvoiceDto;
    const invoice = mergeInvoiceState(composed, event.invoice, this.billing.system);
    const id = composed.id;
    const crossReferences = invoice.crossReferences;
    const s = event.invoice;
    let type: string;
    let data: object;
    switch (event.type) {
      case 'invoice.finalized':
        type = EventTypes.InvoiceFinalized;
        data = assertValidContract(InvoiceFinalizedData, { invoice });
        break;
      case 'invoice.paid': {
        if (s.amountPaid.amountMinor <= 0) {
          this.log.log(
            { invoiceId: id },
            'invoice settled without a payment (zero amount or credited): no invoice.paid',
          );
          return false;
        }
        type = EventTypes.InvoicePaid;
        const paidAt = s.paidAt ?? event.occurredAt;
        data = assertValidContract(InvoicePaidData, {
          invoiceId: id,
          crossReferences,
          payment: {
            id: `${this.billing.system}-${event.vendorEventId}`,
            crossReferences: { [this.billing.system]: s.vendorId },
            invoiceId: id,
            customerId: composed.customerId,
            amount: money(s.amountPaid.amountMinor, composed.currency),
            status: 'succeeded',
            method: s.paidOutOfBand ? 'other' : 'card',
            occurredAt: paidAt,
          },
          amountPaid: money(s.amountPaid.amountMinor, composed.currency),
          paidAt,
        });
        break;
      }
      case 'invoice.partially_paid':
        type = EventTypes.InvoicePartiallyPaid;
        data = assertValidContract(InvoicePartiallyPaidData, {
          invoiceId: id,
          crossReferences,
          amountPaid: money(s.amountPaid.amountMinor, composed.currency),
          amountRemaining: money(s.amountRemaining.amountMinor, composed.currency),
          paidAt: event.occurredAt,
        });
        break;
      case 'invoice.payment_failed': {
        type = EventTypes.InvoicePaymentFailed;
        const failed: Record<string, unknown> = {
          invoiceId: id,
          crossReferences,
          amountDue: money(s.amountRemaining.amountMinor, composed.currency),
          attemptCount: Math.max(1, s.attemptCount),
          failedAt: event.occurredAt,
        };
        if (s.lastFailureCode) failed.failureCode = s.lastFailureCode;
        if (s.lastFailureMessage) failed.failureMessage = s.lastFailureMessage;
        if (s.nextAttemptAt) failed.nextAttemptAt = s.nextAttemptAt;
        data = assertValidContract(InvoicePaymentFailedData, failed);
        break;
      }
      case 'invoice.voided':
        type = EventTypes.InvoiceVoided;
        data = assertValidContract(InvoiceVoidedData, {
          invoiceId: id,
          crossReferences,
          voidedAt: s.voidedAt ?? event.occurredAt,
        });
        break;
      default:
        return false;
    }
    record.status = invoice.status;
    await this.records.update(record, m);
    await this.outbox.stage(m, [
      newEvent(type, `invoice/${id}`, data, { source: SYSTEM_BILLING_SOURCE, occurredAt: event.occurredAt }),
    ]);
    return true;
  }
}
