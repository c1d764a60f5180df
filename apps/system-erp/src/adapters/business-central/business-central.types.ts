/** Business Central API v2.0 wire types (what the adapter reads). */
export interface BcEntity {
  id: string;
  '@odata.etag'?: string;
}

export interface BcPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export interface BcErrorBody {
  error?: { code?: string; message?: string };
}

export interface BcCustomer extends BcEntity {
  number: string;
  displayName: string;
  email?: string;
  currencyCode?: string;
}

export interface BcProject extends BcEntity {
  number: string;
  displayName: string;
  /** Job table fields a custom API page exposes (not in the standard v2.0 `projects` entity). */
  startingDate?: string | null;
  endingDate?: string | null;
  /** Job `Blocked`: `' '` (none), `Posting`, `All`. */
  blocked?: string;
}

export interface BcEmployee extends BcEntity {
  number: string;
  givenName: string;
  surname: string;
  email?: string;
  jobTitle?: string;
  employmentDate?: string | null;
  terminationDate?: string | null;
  status?: 'Active' | 'Inactive' | 'Terminated';
}

export interface BcTimeEntry extends BcEntity {
  employeeId: string;
  jobId?: string | null;
  date: string;
  quantity: number;
}

export interface BcInvoiceLine extends BcEntity {
  sequence: number;
  lineType: string;
  lineObjectNumber: string;
  description?: string;
  quantity: number;
  unitPrice: number;
  amountExcludingTax: number;
}

export interface BcInvoice extends BcEntity {
  number: string;
  externalDocumentNumber?: string;
  invoiceDate: string;
  dueDate?: string;
  customerId: string;
  currencyCode?: string;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
  totalAmountIncludingTax: number;
  remainingAmount: number;
  status: string;
}

/** A webhook subscription (`api/v2.0/subscriptions`). */
export interface BcSubscription {
  '@odata.etag'?: string;
  subscriptionId: string;
  notificationUrl: string;
  /** `api/v2.0/companies({id})/salesInvoices` */
  resource: string;
  clientState: string;
  expirationDateTime: string;
}

/** One change notification of a subscription (BC POSTs `{ value: [...] }`). */
export interface BcNotification {
  subscriptionId: string;
  clientState: string;
  expirationDateTime?: string;
  /** `api/v2.0/companies({id})/salesInvoices({id})` */
  resource: string;
  changeType: 'created' | 'updated' | 'deleted' | 'collection';
  lastModifiedDateTime?: string;
}
