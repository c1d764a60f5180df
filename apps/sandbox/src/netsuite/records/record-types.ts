/** Field kinds of the emulated records. `duration` is hours, accepted as a number or "H:MM". */
export type NetSuiteFieldKind = 'string' | 'number' | 'boolean' | 'date' | 'reference' | 'duration';

export interface NetSuiteFieldDef {
  name: string;
  label: string;
  kind: NetSuiteFieldKind;
  /** Record types a reference may point at. */
  ref?: string[];
  required?: boolean;
  /** Computed or system-set: ignored on write. */
  readOnly?: boolean;
}

export interface NetSuiteSublistDef {
  name: string;
  fields: NetSuiteFieldDef[];
}

export interface NetSuiteRecordType {
  type: string;
  fields: NetSuiteFieldDef[];
  sublists: NetSuiteSublistDef[];
  /** Prefix of the generated document number (tranId) of transactions. */
  tranIdPrefix?: string;
}

const f = (
  name: string,
  label: string,
  kind: NetSuiteFieldKind,
  extra: Partial<NetSuiteFieldDef> = {},
): NetSuiteFieldDef => ({
  name,
  label,
  kind,
  ...extra,
});

const ITEM_LINES: NetSuiteSublistDef = {
  name: 'item',
  fields: [
    f('item', 'Item', 'reference', { ref: ['serviceitem'], required: true }),
    f('description', 'Description', 'string'),
    f('quantity', 'Quantity', 'number'),
    f('rate', 'Rate', 'number'),
    f('amount', 'Amount', 'number'),
    f('line', 'Line', 'number', { readOnly: true }),
  ],
};

const TRANSACTION_TOTALS = [
  f('subtotal', 'Subtotal', 'number', { readOnly: true }),
  f('taxTotal', 'Tax', 'number', { readOnly: true }),
  f('total', 'Total', 'number', { readOnly: true }),
];

/** The record types the sandbox serves, with the fields this product uses (NetSuite has many more). */
export const NETSUITE_RECORD_TYPES: NetSuiteRecordType[] = [
  {
    type: 'subsidiary',
    fields: [
      f('name', 'Name', 'string', { required: true }),
      f('country', 'Country', 'string'),
      f('currency', 'Currency', 'reference', { ref: ['currency'] }),
    ],
    sublists: [],
  },
  {
    type: 'currency',
    fields: [f('name', 'Name', 'string', { required: true }), f('symbol', 'ISO Code', 'string', { required: true })],
    sublists: [],
  },
  {
    type: 'serviceitem',
    fields: [
      f('itemId', 'Item Name', 'string', { required: true }),
      f('displayName', 'Display Name', 'string'),
      f('rate', 'Rate', 'number'),
    ],
    sublists: [],
  },
  {
    type: 'customer',
    fields: [
      f('entityId', 'Customer ID', 'string'),
      f('companyName', 'Company Name', 'string', { required: true }),
      f('subsidiary', 'Primary Subsidiary', 'reference', { ref: ['subsidiary'], required: true }),
      f('currency', 'Currency', 'reference', { ref: ['currency'] }),
      f('email', 'Email', 'string'),
      f('terms', 'Terms', 'string'),
      f('isInactive', 'Inactive', 'boolean'),
    ],
    sublists: [],
  },
  {
    type: 'job',
    fields: [
      f('entityId', 'Project ID', 'string'),
      f('companyName', 'Project Name', 'string', { required: true }),
      f('parent', 'Customer', 'reference', { ref: ['customer'], required: true }),
      f('subsidiary', 'Subsidiary', 'reference', { ref: ['subsidiary'] }),
      f('startDate', 'Start Date', 'date'),
      f('projectedEndDate', 'Projected End Date', 'date'),
      f('estimatedRevenue', 'Estimated Revenue', 'number'),
      f('isInactive', 'Inactive', 'boolean'),
    ],
    sublists: [],
  },
  {
    type: 'employee',
    fields: [
      f('entityId', 'Employee ID', 'string'),
      f('firstName', 'First Name', 'string', { required: true }),
      f('lastName', 'Last Name', 'string', { required: true }),
      f('email', 'Email', 'string'),
      f('title', 'Job Title', 'string'),
      f('subsidiary', 'Subsidiary', 'reference', { ref: ['subsidiary'], required: true }),
      f('isInactive', 'Inactive', 'boolean'),
      f('laborCost', 'Labor Cost', 'number'),
      f('hireDate', 'Hire Date', 'date'),
      f('releaseDate', 'Release Date', 'date'),
    ],
    sublists: [],
  },
  {
    type: 'timebill',
    fields: [
      f('employee', 'Employee', 'reference', { ref: ['employee'], required: true }),
      f('customer', 'Customer:Project', 'reference', { ref: ['job', 'customer'] }),
      f('item', 'Service Item', 'reference', { ref: ['serviceitem'] }),
      f('tranDate', 'Date', 'date', { required: true }),
      f('hours', 'Duration', 'duration', { required: true }),
      f('isBillable', 'Billable', 'boolean'),
      f('memo', 'Memo', 'string'),
    ],
    sublists: [],
  },
  {
    type: 'invoice',
    tranIdPrefix: 'INV',
    fields: [
      f('tranId', 'Invoice #', 'string'),
      f('entity', 'Customer', 'reference', { ref: ['customer'], required: true }),
      f('job', 'Project', 'reference', { ref: ['job'] }),
      f('subsidiary', 'Subsidiary', 'reference', { ref: ['subsidiary'] }),
      f('currency', 'Currency', 'reference', { ref: ['currency'], readOnly: true }),
      f('tranDate', 'Date', 'date'),
      f('dueDate', 'Due Date', 'date'),
      f('memo', 'Memo', 'string'),
      f('approvalStatus', 'Approval Status', 'reference', { ref: ['approvalstatus'] }),
      ...TRANSACTION_TOTALS,
      f('amountPaid', 'Amount Paid', 'number', { readOnly: true }),
      f('amountRemaining', 'Amount Remaining', 'number', { readOnly: true }),
      f('status', 'Status', 'string', { readOnly: true }),
    ],
    sublists: [ITEM_LINES],
  },
  {
    type: 'creditmemo',
    tranIdPrefix: 'CM',
    fields: [
      f('tranId', 'Credit Memo #', 'string'),
      f('entity', 'Customer', 'reference', { ref: ['customer'], required: true }),
      f('createdFrom', 'Created From', 'reference', { ref: ['invoice'] }),
      f('subsidiary', 'Subsidiary', 'reference', { ref: ['subsidiary'] }),
      f('currency', 'Currency', 'reference', { ref: ['currency'], readOnly: true }),
      f('tranDate', 'Date', 'date'),
      f('memo', 'Memo', 'string'),
      ...TRANSACTION_TOTALS,
      f('status', 'Status', 'string', { readOnly: true }),
    ],
    sublists: [ITEM_LINES],
  },
];

/** Approval statuses of transactions (a fixed list in NetSuite). */
export const APPROVAL_STATUSES: Record<string, string> = { '1': 'Pending Approval', '2': 'Approved', '3': 'Rejected' };

const BY_TYPE = new Map(NETSUITE_RECORD_TYPES.map((t) => [t.type, t]));

/** The record type of a URL segment (NetSuite's record type ids are case-insensitive). */
export function recordType(type: string): NetSuiteRecordType | undefined {
  return BY_TYPE.get(type.toLowerCase());
}
