import { ODataFieldType } from '../odata/odata-filter';

export interface BcFieldDef {
  name: string;
  type: ODataFieldType;
  readOnly?: boolean;
  required?: boolean;
  /** Entity set a GUID field points at (checked on write). */
  ref?: string;
  default?: unknown;
}

export interface BcEntitySetDef {
  name: string;
  /** Singular name in error messages. */
  label: string;
  fields: BcFieldDef[];
  /** Number series of `number` (prefix and first value); the number is then read-only. */
  numberSeries?: { prefix: string; start: number; readOnly?: boolean };
  /** Document lines: the nested entity set. */
  lines?: string;
  /** Field holding the last modification time (BC spells it `lastModfiedDateTime` on time entries). */
  modifiedField?: string;
}

const id: BcFieldDef = { name: 'id', type: 'guid', readOnly: true };
const modified = (name = 'lastModifiedDateTime'): BcFieldDef => ({ name, type: 'datetime', readOnly: true });
const f = (name: string, type: ODataFieldType, extra: Partial<BcFieldDef> = {}): BcFieldDef => ({
  name,
  type,
  ...extra,
});

const LINE_FIELDS: BcFieldDef[] = [
  id,
  f('documentId', 'guid', { readOnly: true }),
  f('sequence', 'number', { readOnly: true }),
  f('itemId', 'guid', { ref: 'items' }),
  f('lineType', 'string', { default: 'Item' }),
  f('lineObjectNumber', 'string'),
  f('description', 'string'),
  f('unitOfMeasureCode', 'string', { default: 'HOUR' }),
  f('unitPrice', 'number', { default: 0 }),
  f('quantity', 'number', { default: 0 }),
  f('amountExcludingTax', 'number', { readOnly: true }),
  f('totalTaxAmount', 'number', { readOnly: true }),
  f('amountIncludingTax', 'number', { readOnly: true }),
];

const DOCUMENT_TOTALS: BcFieldDef[] = [
  f('customerName', 'string', { readOnly: true }),
  f('pricesIncludeTax', 'boolean', { readOnly: true }),
  f('totalAmountExcludingTax', 'number', { readOnly: true }),
  f('totalTaxAmount', 'number', { readOnly: true }),
  f('totalAmountIncludingTax', 'number', { readOnly: true }),
  f('status', 'string', { readOnly: true }),
  modified(),
];

/** The API v2.0 entity sets the sandbox serves (the fields this product uses; BC has more). */
export const BC_ENTITY_SETS: BcEntitySetDef[] = [
  {
    name: 'customers',
    label: 'Customer',
    numberSeries: { prefix: 'C', start: 10000 },
    fields: [
      id,
      f('number', 'string'),
      f('displayName', 'string', { required: true }),
      f('type', 'string', { default: 'Company' }),
      f('email', 'string', { default: '' }),
      f('currencyCode', 'string', { default: '' }),
      f('blocked', 'string', { default: ' ' }),
      f('balance', 'number', { readOnly: true }),
      modified(),
    ],
  },
  {
    name: 'projects',
    label: 'Job',
    numberSeries: { prefix: 'J', start: 10000 },
    // startingDate, endingDate and blocked are Job table fields that the standard v2.0 `projects`
    // entity lacks: tenants expose them through a custom API page on the Job table (as served here).
    fields: [
      id,
      f('number', 'string'),
      f('displayName', 'string', { required: true }),
      f('startingDate', 'date'),
      f('endingDate', 'date'),
      f('blocked', 'string', { default: ' ' }),
    ],
  },
  {
    name: 'employees',
    label: 'Employee',
    numberSeries: { prefix: 'E', start: 1000 },
    fields: [
      id,
      f('number', 'string'),
      f('displayName', 'string', { readOnly: true }),
      f('givenName', 'string', { required: true }),
      f('surname', 'string', { required: true }),
      f('jobTitle', 'string', { default: '' }),
      f('email', 'string', { default: '' }),
      f('employmentDate', 'date'),
      f('terminationDate', 'date'),
      f('status', 'string', { default: 'Active' }),
      modified(),
    ],
  },
  {
    name: 'items',
    label: 'Item',
    numberSeries: { prefix: 'I', start: 1000 },
    fields: [
      id,
      f('number', 'string'),
      f('displayName', 'string', { required: true }),
      f('type', 'string', { default: 'Service' }),
      f('unitPrice', 'number', { default: 0 }),
      modified(),
    ],
  },
  {
    name: 'timeRegistrationEntries',
    label: 'Time Sheet Line',
    modifiedField: 'lastModfiedDateTime',
    fields: [
      id,
      f('employeeId', 'guid', { required: true, ref: 'employees' }),
      f('employeeNumber', 'string', { readOnly: true }),
      f('jobId', 'guid', { ref: 'projects' }),
      f('jobNumber', 'string', { readOnly: true }),
      f('jobTaskNumber', 'string', { default: '' }),
      f('absence', 'string', { default: '' }),
      f('lineNumber', 'number', { readOnly: true }),
      f('date', 'date', { required: true }),
      f('quantity', 'number', { required: true }),
      f('status', 'string', { readOnly: true }),
      f('unitOfMeasureCode', 'string', { default: 'HOUR' }),
      modified('lastModfiedDateTime'),
    ],
  },
  {
    name: 'salesInvoices',
    label: 'Sales Invoice',
    numberSeries: { prefix: 'S-INV', start: 100001, readOnly: true },
    lines: 'salesInvoiceLines',
    fields: [
      id,
      f('number', 'string'),
      f('externalDocumentNumber', 'string', { default: '' }),
      f('invoiceDate', 'date'),
      f('postingDate', 'date'),
      f('dueDate', 'date'),
      f('customerId', 'guid', { ref: 'customers' }),
      f('customerNumber', 'string'),
      f('currencyCode', 'string'),
      f('remainingAmount', 'number', { readOnly: true }),
      ...DOCUMENT_TOTALS,
    ],
  },
  { name: 'salesInvoiceLines', label: 'Sales Invoice Line', fields: LINE_FIELDS },
  {
    name: 'salesCreditMemos',
    label: 'Sales Credit Memo',
    numberSeries: { prefix: 'S-CR', start: 104001, readOnly: true },
    lines: 'salesCreditMemoLines',
    fields: [
      id,
      f('number', 'string'),
      f('externalDocumentNumber', 'string', { default: '' }),
      f('creditMemoDate', 'date'),
      f('postingDate', 'date'),
      f('dueDate', 'date'),
      f('customerId', 'guid', { ref: 'customers' }),
      f('customerNumber', 'string'),
      f('currencyCode', 'string'),
      f('invoiceId', 'guid', { ref: 'salesInvoices' }),
      ...DOCUMENT_TOTALS,
    ],
  },
  { name: 'salesCreditMemoLines', label: 'Sales Credit Memo Line', fields: LINE_FIELDS },
];

const BY_NAME = new Map(BC_ENTITY_SETS.map((s) => [s.name.toLowerCase(), s]));

/** Entity set names are case-insensitive in the sandbox (BC's are camelCase). */
export function bcEntitySet(name: string): BcEntitySetDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function fieldTypes(def: BcEntitySetDef): Record<string, ODataFieldType> {
  return Object.fromEntries(def.fields.map((fd) => [fd.name, fd.type]));
}
