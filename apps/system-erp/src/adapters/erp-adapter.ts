import type {
  ErpCreditMemoDto,
  ErpCreditMemoInputDto,
  ErpCustomerDto,
  ErpCustomerInputDto,
  ErpEmployeeDto,
  ErpEmployeeInputDto,
  ErpInvoiceDto,
  ErpInvoiceInputDto,
  ErpProjectDto,
  ErpProjectInputDto,
  ErpProjectPatchDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
} from '@app/contracts';
import type { ErpVendor } from '../erp.config';

/**
 * What system-erp needs from an ERP. One implementation per vendor (adapters/<vendor>/), chosen by
 * ERP_VENDOR; callers inject ERP_ADAPTER and never see the vendor's format. Every `upsert*` is
 * safe to retry: it converges on exactly one vendor record per canonical id.
 */
/** A filter on the customer list (see ErpAdapter.listCustomers). */
export interface CustomerFilter {
  nameKey?: string;
}

/**
 * The word of a name key a vendor filter searches for (case-insensitive `contains`): the longest
 * one, as the most selective and the least likely to be written with accents in the ERP. Undefined
 * for an empty key (no narrowing). Only [a-z0-9]: safe inside a quoted SuiteQL / OData string.
 */
export function nameKeyProbe(nameKey: string | undefined): string | undefined {
  const words = (nameKey ?? '').split(' ').filter((w) => /^[a-z0-9]+$/.test(w));
  return words.sort((a, b) => b.length - a.length)[0];
}

export interface ErpAdapter {
  /** The key of this ERP in `crossReferences` and in problems. */
  readonly vendor: ErpVendor;

  upsertCustomer(input: ErpCustomerInputDto): Promise<ErpCustomerDto>;
  getCustomer(id: string): Promise<ErpCustomerDto | undefined>;
  /**
   * Every customer of the ERP that carries a canonical id (all pages). With `nameKey`, the adapter
   * may narrow the vendor read to a superset of the customers with that name key (the caller makes
   * the exact comparison); it must never leave one out.
   */
  listCustomers(filter?: CustomerFilter): Promise<ErpCustomerDto[]>;

  upsertProject(input: ErpProjectInputDto): Promise<ErpProjectDto>;
  getProject(id: string): Promise<ErpProjectDto | undefined>;
  /** Changes only the fields present (end date, budget, active/inactive); undefined when the project is unknown. */
  patchProject(id: string, patch: ErpProjectPatchDto): Promise<ErpProjectDto | undefined>;

  upsertEmployee(input: ErpEmployeeInputDto): Promise<ErpEmployeeDto>;
  getEmployee(id: string): Promise<ErpEmployeeDto | undefined>;

  createTimeBill(input: ErpTimeBillInputDto): Promise<ErpTimeBillDto>;
  getTimeBill(id: string): Promise<ErpTimeBillDto | undefined>;

  createInvoice(input: ErpInvoiceInputDto): Promise<ErpInvoiceDto>;
  getInvoice(id: string): Promise<ErpInvoiceDto | undefined>;
  /** Posts a draft invoice to the ledger (no-op when already posted). */
  postInvoice(id: string): Promise<ErpInvoiceDto | undefined>;

  /** Issues a credit memo against an invoice (created and posted; safe to retry). */
  createCreditMemo(input: ErpCreditMemoInputDto, invoice: ErpInvoiceDto): Promise<ErpCreditMemoDto>;
  getCreditMemo(id: string): Promise<ErpCreditMemoDto | undefined>;

  /** Invoices with a canonical id modified at or after `since` (all pages), oldest first. */
  invoiceChangesSince(since: Date): Promise<InvoiceChange[]>;
}

/** An invoice as a change feed sees it, with the ERP's modification time (RFC 3339). */
export interface InvoiceChange {
  invoice: ErpInvoiceDto;
  modifiedAt: string;
}

/** Injection token of the active ErpAdapter. */
export const ERP_ADAPTER = Symbol('ERP_ADAPTER');
