import { fromMinorUnits, isCurrencyCode, money, toMinorUnits } from '@app/contracts';
import { BadGatewayProblem, ProblemError, UnprocessableProblem } from '@app/platform';
import { Injectable } from '@nestjs/common';
import type { UpsertOutcome } from '../crm-adapter';
import { CrmInvoice, CrmInvoiceAdapter, CrmInvoiceFields, CrmInvoiceStatus } from '../crm-invoice-adapter';
import { SALESFORCE_DEPENDENCY, SalesforceClient } from './salesforce-client';
import { soqlString } from './salesforce-opportunity.mapper';
import { SalesforceUpsertResult } from './salesforce.types';

/** Canonical status <-> the demo org's `Status__c` picklist. */
const TO_SALESFORCE: Record<CrmInvoiceStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  partially_paid: 'Partially Paid',
  paid: 'Paid',
  overdue: 'Overdue',
  voided: 'Voided',
};
const FROM_SALESFORCE = Object.fromEntries(Object.entries(TO_SALESFORCE).map(([k, v]) => [v, k])) as Record<
  string,
  CrmInvoiceStatus
>;

/** Salesforce field -> canonical field, for the problems of a refused write. */
const INVOICE_FIELD_MAP: Readonly<Record<string, string>> = {
  Name: 'number',
  Account__c: 'customerId',
  Opportunity__c: 'opportunityId',
  Contract__c: 'contractId',
  Project_Code__c: 'projectId',
  CurrencyIsoCode: 'currency',
  Status__c: 'status',
  Amount__c: 'total',
  Amount_Paid__c: 'amountPaid',
  Amount_Remaining__c: 'amountRemaining',
  Invoice_Date__c: 'invoiceDate',
  Due_Date__c: 'dueDate',
  Paid_Date__c: 'paidDate',
};

const INVOICE_FIELDS = [
  'Id',
  'Name',
  'External_Id__c',
  'Account__r.External_Id__c',
  'Opportunity__r.External_Id__c',
  'Contract__r.External_Id__c',
  'Project_Code__c',
  'CurrencyIsoCode',
  'Status__c',
  'Amount__c',
  'Amount_Paid__c',
  'Amount_Remaining__c',
  'Invoice_Date__c',
  'Due_Date__c',
  'Paid_Date__c',
] as const;

interface SalesforceInvoiceRecord {
  Id: string;
  Name: string | null;
  External_Id__c: string | null;
  Account__r?: { External_Id__c: string | null } | null;
  Opportunity__r?: { External_Id__c: string | null } | null;
  Contract__r?: { External_Id__c: string | null } | null;
  Project_Code__c: string | null;
  CurrencyIsoCode: string | null;
  Status__c: string | null;
  Amount__c: number | null;
  Amount_Paid__c: number | null;
  Amount_Remaining__c: number | null;
  Invoice_Date__c: string | null;
  Due_Date__c: string | null;
  Paid_Date__c: string | null;
}

const major = (m: { amountMinor: number; currency: string }) => Number(fromMinorUnits(m.amountMinor, m.currency));

/**
 * Invoice records in Salesforce: the custom object `Invoice__c` (see docs/vendors/salesforce.md)
 * under the account, its contract and opportunity, upserted on `External_Id__c` = canonical invoice id.
 */
@Injectable()
export class SalesforceInvoiceAdapter implements CrmInvoiceAdapter {
  readonly system = SALESFORCE_DEPENDENCY;

  constructor(private readonly client: SalesforceClient) {}

  async upsertInvoice(id: string, invoice: CrmInvoiceFields): Promise<UpsertOutcome<CrmInvoice>> {
    const account = await this.idOf('Account', invoice.customerId, 'customerId');
    const contract = invoice.contractId
      ? await this.idOf('Contract', invoice.contractId, 'contractId', ['Opportunity__c'])
      : undefined;
    const opportunity = invoice.opportunityId
      ? (await this.idOf('Opportunity', invoice.opportunityId, 'opportunityId')).Id
      : ((contract?.Opportunity__c as string | null | undefined) ?? null);
    const body = {
      Name: invoice.number ?? id.slice(0, 80),
      Account__c: account.Id,
      Contract__c: contract?.Id ?? null,
      Opportunity__c: opportunity,
      Project_Code__c: invoice.projectId ?? null,
      CurrencyIsoCode: invoice.currency,
      Status__c: TO_SALESFORCE[invoice.status],
      Amount__c: major(invoice.total),
      Amount_Paid__c: major(invoice.amountPaid),
      Amount_Remaining__c: major(invoice.amountRemaining),
      Invoice_Date__c: invoice.invoiceDate ?? null,
      Due_Date__c: invoice.dueDate ?? null,
      Paid_Date__c: invoice.paidDate ?? null,
    };
    const send = () =>
      this.client.request<SalesforceUpsertResult>({
        method: 'PATCH',
        path: `/sobjects/Invoice__c/External_Id__c/${encodeURIComponent(id)}`,
        body,
        retryable: true,
        write: { what: 'invoice', fields: INVOICE_FIELD_MAP },
      });
    // Two first upserts racing: Salesforce refuses the second with DUPLICATE_VALUE; sent again it updates.
    const res = await send().catch((e: unknown) => {
      if (e instanceof ProblemError && e.extra.vendorCode === 'DUPLICATE_VALUE') return send();
      throw e;
    });
    if (res.status === 404 || !res.body?.id)
      throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce answered ${res.status} to the invoice upsert`);
    const value = await this.getInvoice(id);
    if (!value) throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce lost invoice ${id} just written`);
    return { created: res.status === 201 || res.body.created === true, value };
  }

  async getInvoice(id: string): Promise<CrmInvoice | undefined> {
    const records = await this.client.queryAll<SalesforceInvoiceRecord>(
      `SELECT ${INVOICE_FIELDS.join(', ')} FROM Invoice__c WHERE External_Id__c = ${soqlString(id)} LIMIT 1`,
    );
    return records[0] ? this.toCanonical(records[0], id) : undefined;
  }

  private toCanonical(r: SalesforceInvoiceRecord, id: string): CrmInvoice {
    const currency = r.CurrencyIsoCode ?? '';
    if (!isCurrencyCode(currency))
      throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce invoice ${r.Id} has no known currency`);
    const amount = (v: number | null) => money(toMinorUnits(v ?? 0, currency, { rounding: 'half-even' }), currency);
    const out: CrmInvoice = {
      id,
      crossReferences: { [this.system]: r.Id },
      customerId: r.Account__r?.External_Id__c ?? '',
      status: FROM_SALESFORCE[r.Status__c ?? ''] ?? 'open',
      currency,
      total: amount(r.Amount__c),
      amountPaid: amount(r.Amount_Paid__c),
      amountRemaining: amount(r.Amount_Remaining__c),
    };
    if (r.Opportunity__r?.External_Id__c) out.opportunityId = r.Opportunity__r.External_Id__c;
    if (r.Contract__r?.External_Id__c) out.contractId = r.Contract__r.External_Id__c;
    if (r.Project_Code__c) out.projectId = r.Project_Code__c;
    if (r.Name) out.number = r.Name;
    if (r.Invoice_Date__c) out.invoiceDate = r.Invoice_Date__c;
    if (r.Due_Date__c) out.dueDate = r.Due_Date__c;
    if (r.Paid_Date__c) out.paidDate = r.Paid_Date__c;
    return out;
  }

  /** A referenced record by canonical id (its External_Id__c); 422 naming `field` when there is none. */
  private async idOf(
    object: 'Account' | 'Opportunity' | 'Contract',
    id: string,
    field: string,
    extra: string[] = [],
  ): Promise<Record<string, unknown> & { Id: string }> {
    const records = await this.client.queryAll<Record<string, unknown> & { Id: string }>(
      `SELECT ${['Id', ...extra].join(', ')} FROM ${object} WHERE External_Id__c = ${soqlString(id)} LIMIT 1`,
    );
    if (!records[0]) {
      const message = `${object.toLowerCase()} ${id} does not exist in salesforce`;
      throw new UnprocessableProblem(message, { vendor: this.system, field, errors: [{ field, message }] });
    }
    return records[0];
  }
}
