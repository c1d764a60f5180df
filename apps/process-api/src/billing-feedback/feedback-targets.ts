import type { InvoiceDto } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { SystemApiBusinessError, SystemBillingClient, SystemCrmClient, SystemPsaClient } from '../common/system-apis';

const enc = encodeURIComponent;

/** The CRM record of an invoice (system-crm `PUT /invoices/{id}`). */
export interface CrmInvoiceRecord {
  customerId: string;
  contractId?: string;
  projectId?: string;
  number?: string;
  status: string;
  currency: string;
  total: { amountMinor: number; currency: string };
  amountPaid: { amountMinor: number; currency: string };
  amountRemaining: { amountMinor: number; currency: string };
  invoiceDate?: string;
  dueDate?: string;
  paidDate?: string;
}

export interface PsaPaymentState {
  status: string;
  amountRemaining: { amountMinor: number; currency: string };
  paidDate?: string;
}

/** What the PSA did with a payment state: updated, no such invoice there, or it is already final. */
export type PsaOutcome = 'updated' | 'no-psa-invoice' | 'final';

/** The system APIs the status feedback reads and writes (through the gateway); a test swaps it. */
export const FEEDBACK_TARGETS = Symbol('FEEDBACK_TARGETS');
export interface FeedbackTargets {
  /** The invoice at the billing platform (canonical, current status and payments); undefined: not ours. */
  billingInvoice(id: string): Promise<InvoiceDto | undefined>;
  putCrmInvoice(id: string, record: CrmInvoiceRecord): Promise<void>;
  putPsaPaymentState(id: string, state: PsaPaymentState): Promise<PsaOutcome>;
}

@Injectable()
export class GatewayFeedbackTargets implements FeedbackTargets {
  constructor(
    private readonly billing: SystemBillingClient,
    private readonly crm: SystemCrmClient,
    private readonly psa: SystemPsaClient,
  ) {}

  billingInvoice(id: string): Promise<InvoiceDto | undefined> {
    return this.billing.client.find<InvoiceDto>(`/invoices/${enc(id)}`);
  }

  async putCrmInvoice(id: string, record: CrmInvoiceRecord): Promise<void> {
    try {
      await this.crm.client.call('PUT', `/invoices/${enc(id)}`, { body: record, retryable: true });
    } catch (e) {
      // A contract the CRM does not hold (e.g. made outside it): the record goes under the account alone.
      const onContract = e instanceof SystemApiBusinessError && e.status === 422 && e.problem?.field === 'contractId';
      if (!onContract || !record.contractId) throw e;
      const { contractId: _omitted, ...rest } = record;
      await this.crm.client.call('PUT', `/invoices/${enc(id)}`, { body: rest, retryable: true });
    }
  }

  async putPsaPaymentState(id: string, state: PsaPaymentState): Promise<PsaOutcome> {
    try {
      await this.psa.client.call('PUT', `/invoices/${enc(id)}/payment-status`, { body: state, retryable: true });
      return 'updated';
    } catch (e) {
      if (e instanceof SystemApiBusinessError && e.status === 404) return 'no-psa-invoice';
      if (e instanceof SystemApiBusinessError && e.status === 409) return 'final';
      throw e;
    }
  }
}
