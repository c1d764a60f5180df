/**
 * The metadata the sandbox knows about each sObject: the same facts Salesforce's describe call
 * publishes (field names, types, lengths, flags, picklist values, references). Everything that
 * validates a write, binds a SOQL query or answers `/describe` reads it from here, so a new
 * sObject is a new definition file, not new code paths.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'reference'
  | 'currency'
  | 'double'
  | 'percent'
  | 'int'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'url'
  | 'email'
  | 'phone';

export interface FieldDef {
  /** API name, canonical casing (`StageName`, `External_Id__c`). */
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Maximum characters for text types. */
  readonly length?: number;
  /** Digits for number types (precision) and decimals (scale). */
  readonly precision?: number;
  readonly scale?: number;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly nillable: boolean;
  /** Must be given on insert (not nillable, createable, no default). */
  readonly required: boolean;
  readonly custom: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  /** Derived by the platform (formula or system field): never written by a client. */
  readonly calculated: boolean;
  readonly referenceTo?: readonly string[];
  readonly relationshipName?: string;
  readonly picklistValues?: readonly string[];
  readonly restrictedPicklist?: boolean;
}

export interface SObjectDef {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  /** Three-character id prefix (Account 001, Opportunity 006). */
  readonly keyPrefix: string;
  readonly fields: readonly FieldDef[];
  /**
   * Fills derived fields (IsWon, IsClosed...) and defaults on a record about to be saved.
   * `record` holds canonical field names (the merged result of the write); `changed` the fields the
   * write set. The function mutates `record`.
   */
  readonly derive?: (record: Record<string, unknown>, changed: ReadonlySet<string>) => void;
}

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type' | 'label'>> & { label?: string };

function labelFor(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** Builds a field definition with Salesforce's defaults for an ordinary, optional, writable field. */
export function defineField(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const calculated = options.calculated ?? false;
  const required = options.required ?? false;
  return {
    label: options.label ?? labelFor(name),
    createable: !calculated,
    updateable: !calculated,
    nillable: !required && type !== 'boolean',
    custom: name.endsWith('__c'),
    externalId: false,
    unique: false,
    ...options,
    required,
    calculated,
    name,
    type,
  };
}

/** The system fields every sObject carries. */
export function systemFields(): FieldDef[] {
  const readOnly = { createable: false, updateable: false, nillable: false, calculated: true } as const;
  return [
    defineField('Id', 'id', { ...readOnly, label: 'Record ID', length: 18 }),
    defineField('CreatedDate', 'datetime', { ...readOnly, label: 'Created Date' }),
    defineField('LastModifiedDate', 'datetime', { ...readOnly, label: 'Last Modified Date' }),
    defineField('SystemModstamp', 'datetime', { ...readOnly, label: 'System Modstamp' }),
  ];
}

/** Currencies this demo org has enabled (multi-currency org; `CurrencyIsoCode` on every record). */
export const ORG_CURRENCIES: readonly string[] = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'];
export const ORG_DEFAULT_CURRENCY = 'USD';

export function currencyIsoCodeField(): FieldDef {
  return defineField('CurrencyIsoCode', 'picklist', {
    label: 'Currency ISO Code',
    length: 3,
    picklistValues: ORG_CURRENCIES,
    restrictedPicklist: true,
  });
}
