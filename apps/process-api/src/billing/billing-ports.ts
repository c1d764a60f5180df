import type { ProjectDto } from '@app/contracts';

/** The bill rate of a role on a work date, from the contract's rate card (project-setup's ContractPricing). */
export interface ContractRate {
  hourlyRate: { amountMinor: number; currency: string };
  rateCardId: string | null;
  /** The rate-card version's id or effective date. */
  rateCardVersion: string;
  /** The amendment that set it, or null for the rate card the contract started with. */
  amendmentId: string | null;
}

/** Pricing, as billing needs it: null when nothing prices the role on that date (a missing rate). */
export interface BillingRates {
  rateOn(projectId: string, role: string, workDate: string): Promise<ContractRate | null>;
}
export const BILLING_RATES = Symbol('BILLING_RATES');

export interface TaxRate {
  legalEntityId: string;
  customerCountry: string;
  effectiveFrom: string;
  effectiveTo?: string;
  rateBasisPoints: number;
  reverseCharge: boolean;
  note?: string;
}

/** What a run reads from the system APIs to enrich items: projects, customers' countries, the tax table. */
export interface BillingDirectory {
  /** The project (PSA), or undefined when unknown. */
  getProject(projectId: string): Promise<ProjectDto | undefined>;
  /** The country the customer is billed in (CRM account), or undefined when unknown. */
  customerCountry(customerId: string): Promise<string | undefined>;
  /** The roles a worker is staffed as on a project (PSA assignments), with their dates. */
  assignments(
    projectId: string,
  ): Promise<Array<{ workerId: string; role: string; startDate?: string; endDate?: string }>>;
  /** Every row of the ERP tax table for a legal entity and customer country (all dates). */
  taxTable(legalEntityId: string, customerCountry: string): Promise<TaxRate[]>;
}
export const BILLING_DIRECTORY = Symbol('BILLING_DIRECTORY');

/** A vendor's answer: its id for the record and its status. */
export interface VendorRecord {
  id: string;
  status?: string;
  [key: string]: unknown;
}

/** The vendor calls of a run, per invoice: system-billing (Stripe) then system-erp. */
export interface BillingVendors {
  /** The billing platform's customer of the invoice: looked up, else created from the CRM account. */
  ensureBillingCustomer(customer: { id: string; legalEntityId: string; currency: string }): Promise<VendorRecord>;
  createBillingInvoice(invoice: Record<string, unknown>): Promise<VendorRecord>;
  finalizeBillingInvoice(invoiceId: string): Promise<VendorRecord>;
  sendBillingInvoice(invoiceId: string): Promise<VendorRecord>;
  createErpInvoice(invoice: Record<string, unknown>): Promise<VendorRecord>;
  postErpInvoice(invoiceId: string): Promise<VendorRecord>;
  /** Marks the invoice's time entries, expenses and milestones invoiced in the PSA (one PSA invoice). */
  markPsaInvoiced(invoice: Record<string, unknown>): Promise<VendorRecord>;
  /** The invoice's record on the CRM (under the account, contract and project). */
  putCrmInvoice(invoiceId: string, record: Record<string, unknown>): Promise<VendorRecord>;
}
export const BILLING_VENDORS = Symbol('BILLING_VENDORS');

/** The rate in force on a date, or undefined. */
export function taxRateOn(table: readonly TaxRate[], date: string): TaxRate | undefined {
  return table
    .filter((r) => r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}
