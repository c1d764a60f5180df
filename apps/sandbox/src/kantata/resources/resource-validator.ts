import { CURRENCIES, FieldDef, ResourceDef } from './resource-definitions';

export interface FieldProblem {
  field?: string;
  message: string;
}

/** A reference to check against the store: `field` must name an existing `resource` record. */
export interface ReferenceCheck {
  field: string;
  resource: string;
  ids: string[];
}

export interface ValidatedAttributes {
  data: Record<string, unknown>;
  errors: FieldProblem[];
  references: ReferenceCheck[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value)) return value;
  return undefined;
}

function checkValue(name: string, def: FieldDef, value: unknown, errors: FieldProblem[]): unknown {
  const fail = (message: string) => {
    errors.push({ field: name, message: `${name} ${message}` });
    return undefined;
  };
  if (value === null) {
    if (def.required) return fail("can't be blank");
    return null;
  }
  switch (def.type) {
    case 'string':
      if (typeof value !== 'string') return fail('must be a string');
      if (def.required && value.trim() === '') return fail("can't be blank");
      if (def.maxLength !== undefined && value.length > def.maxLength)
        return fail(`is too long (maximum is ${def.maxLength} characters)`);
      return value;
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail('is not a number');
      if (def.min !== undefined && n < def.min) return fail(`must be greater than or equal to ${def.min}`);
      if (def.max !== undefined && n > def.max) return fail(`must be less than or equal to ${def.max}`);
      return n;
    }
    case 'boolean':
      if (value === true || value === 'true' || value === 1 || value === '1') return true;
      if (value === false || value === 'false' || value === 0 || value === '0') return false;
      return fail('must be true or false');
    case 'date':
      if (!isIsoDate(value)) return fail('must be a date (YYYY-MM-DD)');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !def.values!.includes(value))
        return fail(`is not included in the list (${def.values!.join(', ')})`);
      return value;
    case 'currency':
      if (typeof value !== 'string' || !(CURRENCIES as readonly string[]).includes(value))
        return fail(`is not a supported currency (${CURRENCIES.join(', ')})`);
      return value;
    case 'ref': {
      const id = idOf(value);
      if (id === undefined) return fail('is not a valid id');
      return id;
    }
    case 'refs': {
      if (!Array.isArray(value)) return fail('must be an array of ids');
      const ids = value.map(idOf);
      if (ids.some((i) => i === undefined)) return fail('must be an array of ids');
      return [...new Set(ids as string[])];
    }
    default: {
      const exhaustive: never = def.type;
      return exhaustive;
    }
  }
}

/**
 * Checks one object of a create or update body against the resource's fields (Kantata answers 422
 * `{"errors":[{"type":"validation","message","field"}]}`). Returns the attributes to store (defaults
 * applied on create), the problems, and the references the caller must check exist.
 */
export function validateAttributes(
  resource: ResourceDef,
  input: unknown,
  mode: 'create' | 'update',
  extraKeys: readonly string[] = [],
): ValidatedAttributes {
  const errors: FieldProblem[] = [];
  const data: Record<string, unknown> = {};
  const references: ReferenceCheck[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { data, errors: [{ message: `${resource.singular} must be an object` }], references };
  }
  const attrs = input as Record<string, unknown>;
  for (const key of Object.keys(attrs)) {
    if (extraKeys.includes(key)) continue;
    const def = resource.fields[key];
    if (!def) errors.push({ field: key, message: `${key} is not a known attribute of ${resource.singular}` });
    else if (def.readOnly) errors.push({ field: key, message: `${key} is read-only` });
    else if (mode === 'update' && def.createOnly) errors.push({ field: key, message: `${key} cannot be changed` });
  }
  for (const [name, def] of Object.entries(resource.fields)) {
    if (def.readOnly && mode === 'update') continue;
    const present = Object.prototype.hasOwnProperty.call(attrs, name) && !def.readOnly;
    if (!present || attrs[name] === undefined) {
      if (mode === 'create') {
        if (def.required) errors.push({ field: name, message: `${name} can't be blank` });
        else if (def.default !== undefined) data[name] = Array.isArray(def.default) ? [...def.default] : def.default;
        else data[name] = null;
      }
      continue;
    }
    if (mode === 'update' && def.createOnly) continue;
    const value = checkValue(name, def, attrs[name], errors);
    if (value === undefined) continue;
    data[name] = value;
    if (def.type === 'ref' && typeof value === 'string')
      references.push({ field: name, resource: def.resource!, ids: [value] });
    if (def.type === 'refs' && Array.isArray(value) && value.length > 0)
      references.push({ field: name, resource: def.resource!, ids: value as string[] });
  }
  return { data, errors, references };
}

/** Checks across fields of a whole record (after merging an update with what is stored). */
export function validateRecord(resource: ResourceDef, record: Record<string, unknown>): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const start = record.start_date;
  const due = record.due_date;
  if (typeof start === 'string' && typeof due === 'string' && due < start) {
    errors.push({ field: 'due_date', message: 'due_date must be on or after start_date' });
  }
  if (resource.plural === 'invoices' && Array.isArray(record.workspace_ids) && record.workspace_ids.length === 0) {
    errors.push({ field: 'workspace_ids', message: "workspace_ids can't be blank" });
  }
  return errors;
}
