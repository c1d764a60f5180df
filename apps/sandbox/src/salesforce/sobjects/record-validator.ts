import { SalesforceApiError } from '../common/salesforce-api.error';
import { isSalesforceId, toId18 } from '../common/salesforce-id';
import { SObjectRegistry } from '../schema/sobject-registry';
import { FieldDef, SObjectDef } from '../schema/sobject-schema';

export type WriteMode = 'insert' | 'update';

/** A reference value that must point at an existing record of `object` (checked against the store). */
export interface ReferenceCheck {
  field: FieldDef;
  object: string;
  id: string;
}

export interface NormalisedWrite {
  /** Field values keyed by canonical API name, converted to their stored form. */
  values: Record<string, unknown>;
  references: ReferenceCheck[];
}

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'url', 'email', 'phone']);

function jsonParserError(type: string, value: unknown): SalesforceApiError {
  const shown = typeof value === 'string' ? `VALUE_STRING value ${value}` : `${JSON.stringify(value)}`;
  return SalesforceApiError.dml(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${type} from ${shown} or request may be missing a required field`,
  );
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Checks a create/update body against the sObject's metadata the way Salesforce does and converts it
 * to stored values. Throws SalesforceApiError (400) with Salesforce's error codes:
 * INVALID_FIELD (unknown field), INVALID_FIELD_FOR_INSERT_UPDATE (read-only field),
 * JSON_PARSER_ERROR (wrong JSON type or unparsable date/number), STRING_TOO_LONG,
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, MALFORMED_ID / FIELD_INTEGRITY_EXCEPTION (bad reference),
 * REQUIRED_FIELD_MISSING (insert without a required field, or a required field set to null).
 * Existence of referenced records is left to the caller (`references`).
 */
export function normaliseWrite(
  registry: SObjectRegistry,
  def: SObjectDef,
  body: unknown,
  mode: WriteMode,
): NormalisedWrite {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw SalesforceApiError.dml(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${def.name} from the request body`,
    );
  }
  const values: Record<string, unknown> = {};
  const references: ReferenceCheck[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'attributes') continue;
    const field = registry.field(def, key);
    if (!field) {
      throw SalesforceApiError.dml('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    }
    if (mode === 'insert' ? !field.createable : !field.updateable) {
      // Salesforce tolerates the record's own Id in an update body.
      if (field.name === 'Id' && mode === 'update') continue;
      readOnly.push(field.name);
      continue;
    }
    values[field.name] = convertValue(registry, def, field, raw, references);
  }
  if (readOnly.length > 0) {
    throw SalesforceApiError.dml(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  const missing = def.fields.filter(
    (f) =>
      f.required &&
      (mode === 'insert' ? values[f.name] === undefined || values[f.name] === null : values[f.name] === null),
  );
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    throw SalesforceApiError.dml('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
  }
  return { values, references };
}

function convertValue(
  registry: SObjectRegistry,
  def: SObjectDef,
  field: FieldDef,
  raw: unknown,
  references: ReferenceCheck[],
): unknown {
  if (raw === null || raw === undefined) return null;
  if (TEXT_TYPES.has(field.type)) {
    if (typeof raw === 'object') throw jsonParserError('String', raw);
    const text = String(raw);
    if (text === '') return null;
    if (field.length !== undefined && text.length > field.length) {
      throw SalesforceApiError.dml(
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${text.slice(0, 50)} (max length=${field.length})`,
        [field.name],
      );
    }
    if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues!.includes(text)) {
      throw SalesforceApiError.dml(
        field.name === 'CurrencyIsoCode' ? 'INVALID_CURRENCY_ISO' : 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        field.name === 'CurrencyIsoCode'
          ? `Currency ISO Code: invalid currency code: ${text}`
          : `${field.label}: bad value for restricted picklist field: ${text}`,
        [field.name],
      );
    }
    return text;
  }
  switch (field.type) {
    case 'currency':
    case 'double':
    case 'percent':
    case 'int': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())
            ? Number(raw)
            : NaN;
      if (!Number.isFinite(n) || (field.type === 'int' && !Number.isInteger(n)))
        throw jsonParserError(field.type === 'int' ? 'int' : 'double', raw);
      return n;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw jsonParserError('boolean', raw);
    case 'date':
      if (typeof raw !== 'string' || !isIsoDate(raw)) throw jsonParserError('date', raw);
      return raw;
    case 'datetime': {
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))))
        throw jsonParserError('datetime', raw);
      return new Date(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
    }
    case 'reference': {
      if (typeof raw !== 'string' || !isSalesforceId(raw)) {
        throw SalesforceApiError.dml('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, [
          field.name,
        ]);
      }
      const id = toId18(raw)!;
      const target = field.referenceTo![0];
      if (!id.startsWith(registry.find(target)?.keyPrefix ?? '')) {
        throw SalesforceApiError.dml(
          'FIELD_INTEGRITY_EXCEPTION',
          `${field.label}: id value of incorrect type: ${raw}`,
          [field.name],
        );
      }
      references.push({ field, object: target, id });
      return id;
    }
    default:
      throw SalesforceApiError.dml(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name} on ${def.name}`,
        [field.name],
      );
  }
}
