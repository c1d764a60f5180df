import { FieldDef, SObjectDef } from '../schema/sobject-schema';

/** Salesforce's type names in describe results. */
const DESCRIBE_TYPES: Record<FieldDef['type'], string> = {
  id: 'id',
  string: 'string',
  textarea: 'textarea',
  picklist: 'picklist',
  reference: 'reference',
  currency: 'currency',
  double: 'double',
  percent: 'percent',
  int: 'int',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  url: 'url',
  email: 'email',
  phone: 'phone',
};

function objectUrls(def: SObjectDef, apiVersion: string): Record<string, string> {
  const base = `/services/data/${apiVersion}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** One entry of `GET /sobjects` (global describe). */
export function describeGlobalEntry(def: SObjectDef, apiVersion: string): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    searchable: true,
    urls: objectUrls(def, apiVersion),
  };
}

function describeField(field: FieldDef): Record<string, unknown> {
  return {
    name: field.name,
    label: field.label,
    type: DESCRIBE_TYPES[field.type],
    length: field.length ?? 0,
    precision: field.precision ?? 0,
    scale: field.scale ?? 0,
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    custom: field.custom,
    externalId: field.externalId,
    unique: field.unique,
    calculated: field.calculated,
    idLookup: field.name === 'Id' || field.externalId,
    defaultedOnCreate: field.calculated || field.name === 'CurrencyIsoCode',
    filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    sortable: field.type !== 'textarea',
    referenceTo: field.referenceTo ? [...field.referenceTo] : [],
    relationshipName: field.relationshipName ?? null,
    restrictedPicklist: field.restrictedPicklist ?? false,
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
  };
}

/** `GET /sobjects/{Obj}/describe`. */
export function describeSObject(def: SObjectDef, apiVersion: string): Record<string, unknown> {
  return {
    ...describeGlobalEntry(def, apiVersion),
    fields: def.fields.map(describeField),
  };
}
