/** NetSuite REST wire types (what the adapter reads). */
export interface NetSuiteRef {
  id: string;
  refName?: string;
}

export interface NetSuiteErrorBody {
  type?: string;
  title?: string;
  status?: number;
  'o:errorDetails'?: Array<{ detail: string; 'o:errorCode': string; 'o:errorPath'?: string }>;
}

export interface NetSuiteCollection<T> {
  count: number;
  hasMore: boolean;
  items: T[];
  offset: number;
  totalResults: number;
}

export interface NetSuiteCustomer {
  id: string;
  externalId?: string;
  companyName: string;
  subsidiary: NetSuiteRef;
  currency?: NetSuiteRef;
  email?: string;
}

export interface NetSuiteJob {
  id: string;
  externalId?: string;
  companyName: string;
  parent: NetSuiteRef;
  subsidiary?: NetSuiteRef;
  startDate?: string;
  projectedEndDate?: string;
  /** Estimated revenue (the fee budget), major units of the project currency. */
  estimatedRevenue?: number;
  isInactive?: boolean;
}

export interface NetSuiteEmployee {
  id: string;
  externalId?: string;
  firstName: string;
  lastName: string;
  email?: string;
  title?: string;
  subsidiary: NetSuiteRef;
  isInactive?: boolean;
  /** Hourly labor cost in the subsidiary's currency (major units). */
  laborCost?: number;
  hireDate?: string;
  /** Last day of employment (termination). */
  releaseDate?: string;
}

export interface NetSuiteTimeBill {
  id: string;
  externalId?: string;
  employee: NetSuiteRef;
  customer?: NetSuiteRef;
  item?: NetSuiteRef;
  tranDate: string;
  /** "H:MM" (the sandbox) or decimal hours. */
  hours: string | number;
  isBillable?: boolean;
  memo?: string;
}

export interface NetSuiteInvoiceLine {
  item: NetSuiteRef;
  description?: string;
  quantity?: number;
  rate?: number;
  amount: number;
}

export interface NetSuiteInvoice {
  id: string;
  externalId?: string;
  tranId: string;
  entity: NetSuiteRef;
  job?: NetSuiteRef;
  subsidiary: NetSuiteRef;
  currency: NetSuiteRef;
  tranDate: string;
  dueDate?: string;
  status?: string;
  total: number;
  taxTotal?: number;
  amountRemaining?: number;
  item: { items?: NetSuiteInvoiceLine[] };
}
