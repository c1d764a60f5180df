/** What an invoice listing filters on (all optional, combined with AND). */
export interface ErpInvoiceQuery {
  projectId?: string;
  /** Invoice date on or after (YYYY-MM-DD). */
  from?: string;
  /** Invoice date on or before (YYYY-MM-DD). */
  to?: string;
  /** The external document number (our canonical invoice id) or the ERP's own document number. */
  documentNumber?: string;
}

/**
 * Finds invoices in the ERP by project, date and document number: the canonical ids of the invoices
 * created through system-erp, newest first. One implementation per ERP, chosen like ERP_ADAPTER.
 */
export interface ErpInvoiceFinder {
  find(query: ErpInvoiceQuery): Promise<string[]>;
}

export const ERP_INVOICE_FINDER = Symbol('ERP_INVOICE_FINDER');
