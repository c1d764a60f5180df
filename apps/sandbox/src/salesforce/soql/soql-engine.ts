import { FieldDef, SObjectDef } from '../schema/sobject-schema';
import { SObjectRegistry } from '../schema/sobject-registry';
import { toId18 } from '../common/salesforce-id';
import { formatSalesforceDateTime } from '../common/salesforce-datetime';
import { ComparisonOperator, Condition, FieldPath, Literal, SoqlQuery } from './soql-ast';
import { resolveDateLiteral, TimeRange } from './date-literals';
import { SoqlError } from './soql-error';
import { parseSoql } from './soql-parser';

/**
 * Binds a parsed SOQL statement to the sObject metadata (names resolved case-insensitively,
 * literals type-checked against the field types, date literals resolved) and evaluates it against
 * in-memory rows. Rows are flat maps keyed by canonical field names; dates are `YYYY-MM-DD`
 * strings, datetimes ISO-8601 strings, numbers JSON numbers.
 */
export type SRecord = Record<string, unknown>;

/** Looks up a parent record (for `Account.Name` on Opportunity). */
export type ParentLookup = (objectName: string, id: string) => SRecord | undefined;

export interface BoundField {
  /** As written, for messages. */
  readonly text: string;
  /** The field read (on the parent object for a relationship path). */
  readonly field: FieldDef;
  /** Set for `Relationship.Field`: the reference field on the queried object. */
  readonly reference?: FieldDef;
  readonly parentObject?: SObjectDef;
}

type Predicate = (row: SRecord, parents: ParentLookup) => boolean;

export interface BoundOrder {
  readonly field: BoundField;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface BoundQuery {
  readonly object: SObjectDef;
  /** `SELECT COUNT() ...` */
  readonly count: boolean;
  readonly select: readonly BoundField[];
  readonly where?: Predicate;
  readonly orderBy: readonly BoundOrder[];
  readonly limit?: number;
  readonly offset: number;
  /** Reference fields whose parent records the evaluation needs (select, where or order by). */
  readonly references: readonly FieldDef[];
}

export const MAX_OFFSET = 2000;

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'url', 'email', 'phone']);
const ID_TYPES = new Set(['id', 'reference']);
const NUMBER_TYPES = new Set(['currency', 'double', 'percent', 'int']);
const DAY_MS = 86_400_000;

/** Parses and binds in one go. Throws SoqlError. */
export function compileSoql(query: string, registry: SObjectRegistry, now: Date = new Date()): BoundQuery {
  return bindQuery(parseSoql(query), registry, now);
}

export function bindQuery(ast: SoqlQuery, registry: SObjectRegistry, now: Date): BoundQuery {
  const object = registry.find(ast.from.name);
  if (!object) {
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${ast.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      ast.from.position,
    );
  }
  const references = new Map<string, FieldDef>();
  const resolve = (path: FieldPath): BoundField => {
    const bound = resolveField(path, object, registry);
    if (bound.reference) references.set(bound.reference.name, bound.reference);
    return bound;
  };

  const count = ast.select.some((s) => s.kind === 'count');
  if (count && ast.select.length > 1) {
    const extra = ast.select.find((s) => s.kind !== 'count') ?? ast.select[1];
    throw new SoqlError('MALFORMED_QUERY', 'COUNT() cannot be combined with other fields', extra.position);
  }
  const seen = new Set<string>();
  const select: BoundField[] = [];
  for (const item of ast.select) {
    if (item.kind === 'count') continue;
    const bound = resolve(item);
    const key = `${bound.reference?.name ?? ''}.${bound.field.name}`;
    if (seen.has(key))
      throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${item.path.join('.')}`, item.position);
    seen.add(key);
    select.push(bound);
  }

  const where = ast.where ? bindCondition(ast.where, resolve, now) : undefined;
  const orderBy = ast.orderBy.map((o): BoundOrder => {
    const field = resolve(o.field);
    if (field.field.type === 'textarea') {
      throw new SoqlError('INVALID_FIELD', `field '${field.text}' can not be sorted in a query call`, o.field.position);
    }
    const descending = o.direction === 'DESC';
    return { field, descending, nullsFirst: o.nulls ? o.nulls === 'FIRST' : !descending };
  });
  if (ast.offset !== undefined && ast.offset > MAX_OFFSET) {
    throw new SoqlError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
      ast.offsetPosition,
    );
  }
  return {
    object,
    count,
    select,
    where,
    orderBy,
    limit: ast.limit,
    offset: ast.offset ?? 0,
    references: [...references.values()],
  };
}

function resolveField(path: FieldPath, object: SObjectDef, registry: SObjectRegistry): BoundField {
  const text = path.path.join('.');
  const noSuchColumn = () =>
    new SoqlError(
      'INVALID_FIELD',
      `No such column '${path.path[path.path.length - 1]}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      path.position,
    );
  // `Opportunity.Name` in a query on Opportunity: the object's own name as a prefix is allowed.
  const parts =
    path.path.length > 1 &&
    path.path[0].toLowerCase() === object.name.toLowerCase() &&
    !registry.relationship(object, path.path[0])
      ? path.path.slice(1)
      : path.path;
  if (parts.length === 1) {
    const field = registry.field(object, parts[0]);
    if (!field) throw noSuchColumn();
    return { text, field };
  }
  if (parts.length === 2) {
    const reference = registry.relationship(object, parts[0]);
    if (!reference) {
      throw new SoqlError(
        'INVALID_FIELD',
        `Didn't understand relationship '${parts[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        path.position,
      );
    }
    const parentObject = registry.find(reference.referenceTo![0])!;
    const field = registry.field(parentObject, parts[1]);
    if (!field) {
      throw new SoqlError(
        'INVALID_FIELD',
        `No such column '${parts[1]}' on entity '${parentObject.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        path.position,
      );
    }
    return { text, field, reference, parentObject };
  }
  throw new SoqlError(
    'INVALID_FIELD',
    `The sandbox supports one level of parent relationship; '${text}' is deeper`,
    path.position,
  );
}

/** Reads a bound field's value from a row (following the parent reference when there is one). */
export function readValue(bound: BoundField, row: SRecord, parents: ParentLookup): unknown {
  if (!bound.reference) return row[bound.field.name] ?? null;
  const parentId = row[bound.reference.name];
  if (typeof parentId !== 'string') return null;
  return parents(bound.parentObject!.name, parentId)?.[bound.field.name] ?? null;
}

function bindCondition(cond: Condition, resolve: (p: FieldPath) => BoundField, now: Date): Predicate {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.operands.map((c) => bindCondition(c, resolve, now));
      return (row, parents) => parts.every((p) => p(row, parents));
    }
    case 'or': {
      const parts = cond.operands.map((c) => bindCondition(c, resolve, now));
      return (row, parents) => parts.some((p) => p(row, parents));
    }
    case 'not': {
      const inner = bindCondition(cond.operand, resolve, now);
      return (row, parents) => !inner(row, parents);
    }
    case 'comparison': {
      const field = resolve(cond.field);
      const test = compileComparison(field, cond.operator, cond.value, now, cond.position);
      return (row, parents) => test(readValue(field, row, parents));
    }
    case 'in': {
      const field = resolve(cond.field);
      if (cond.values.some((v) => v.kind === 'dateLiteral')) {
        throw new SoqlError(
          'INVALID_QUERY_FILTER_OPERATOR',
          'date literals are not allowed in an IN list',
          cond.position,
        );
      }
      const tests = cond.values.map((v) => compileComparison(field, '=', v, now, v.position));
      return (row, parents) => {
        const value = readValue(field, row, parents);
        const hit = tests.some((t) => t(value));
        return cond.negated ? !hit : hit;
      };
    }
    case 'like': {
      const field = resolve(cond.field);
      if (!TEXT_TYPES.has(field.field.type)) {
        throw new SoqlError(
          'INVALID_QUERY_FILTER_OPERATOR',
          `invalid operator on ${field.field.type} field: LIKE`,
          cond.position,
        );
      }
      if (cond.pattern.kind !== 'string') {
        throw new SoqlError(
          'INVALID_QUERY_FILTER_OPERATOR',
          `value of filter criterion for field '${field.text}' must be of type string and should be enclosed in quotes`,
          cond.pattern.position,
        );
      }
      const re = likeToRegExp(cond.pattern.raw);
      return (row, parents) => {
        const value = readValue(field, row, parents);
        return typeof value === 'string' && re.test(value);
      };
    }
  }
}

/** Compiles a SOQL LIKE pattern (raw literal text) to an anchored, case-insensitive RegExp. */
export function likeToRegExp(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      const decoded = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      source += escapeRegExp(decoded);
    } else if (c === '%') {
      source += '.*';
    } else if (c === '_') {
      source += '.';
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

type ValueTest = (value: unknown) => boolean;

function typeError(field: BoundField, expected: string, quoted: boolean, position: number): SoqlError {
  return new SoqlError(
    'INVALID_QUERY_FILTER_OPERATOR',
    `value of filter criterion for field '${field.text}' must be of type ${expected} and ${quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'}`,
    position,
  );
}

function compileComparison(
  field: BoundField,
  op: ComparisonOperator,
  literal: Literal,
  now: Date,
  position: number,
): ValueTest {
  const type = field.field.type;
  if (literal.kind === 'null') {
    if (op === '=') return (v) => v === null || v === undefined;
    if (op === '!=') return (v) => v !== null && v !== undefined;
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator for null: ${op}`, position);
  }
  // SOQL: a non-null value is never equal to null, and `!=` also matches null values.
  const withNulls =
    (test: ValueTest): ValueTest =>
    (v) =>
      v === null || v === undefined ? op === '!=' : test(v);

  if (TEXT_TYPES.has(type)) {
    if (literal.kind !== 'string') throw typeError(field, 'string', true, literal.position);
    const expected = literal.value.toLowerCase();
    return withNulls((v) =>
      compareOp(op, String(v).toLowerCase() < expected ? -1 : String(v).toLowerCase() > expected ? 1 : 0),
    );
  }
  if (ID_TYPES.has(type)) {
    if (literal.kind !== 'string') throw typeError(field, 'id', true, literal.position);
    const id = toId18(literal.value);
    if (!id)
      throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`, literal.position);
    return withNulls((v) => {
      const actual = toId18(String(v)) ?? String(v);
      return compareOp(op, actual < id ? -1 : actual > id ? 1 : 0);
    });
  }
  if (NUMBER_TYPES.has(type)) {
    if (literal.kind !== 'number') throw typeError(field, type === 'int' ? 'int' : 'double', false, literal.position);
    const expected = Number(literal.value);
    return withNulls((v) => compareOp(op, Math.sign(Number(v) - expected)));
  }
  if (type === 'boolean') {
    if (literal.kind !== 'boolean') throw typeError(field, 'boolean', false, literal.position);
    if (op !== '=' && op !== '!=')
      throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on boolean field: ${op}`, position);
    return (v) => (op === '=' ? v === literal.value : v !== literal.value);
  }
  if (type === 'date' || type === 'datetime') {
    let range: TimeRange;
    if (literal.kind === 'dateLiteral') {
      range = resolveDateLiteral(literal.name, literal.n, now);
    } else if (type === 'date' && literal.kind === 'date') {
      const start = Date.parse(`${literal.value}T00:00:00Z`);
      range = { start, end: start + DAY_MS };
    } else if (type === 'datetime' && literal.kind === 'datetime') {
      const start = parseSoqlDateTime(literal.value);
      range = { start, end: start + 1 };
    } else {
      throw typeError(field, type === 'date' ? 'date' : 'dateTime', false, literal.position);
    }
    return withNulls((v) => {
      const t = type === 'date' ? Date.parse(`${String(v)}T00:00:00Z`) : Date.parse(String(v));
      switch (op) {
        case '=':
          return t >= range.start && t < range.end;
        case '!=':
          return !(t >= range.start && t < range.end);
        case '<':
          return t < range.start;
        case '<=':
          return t < range.end;
        case '>':
          return t >= range.end;
        case '>=':
          return t >= range.start;
      }
    });
  }
  throw new SoqlError(
    'INVALID_QUERY_FILTER_OPERATOR',
    `field '${field.text}' can not be filtered in a query call`,
    position,
  );
}

function compareOp(op: ComparisonOperator, cmp: number): boolean {
  switch (op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
  }
}

/** Epoch ms of a SOQL datetime literal (`Z`, `+hh:mm` or `+hhmm` offsets, optional fraction). */
export function parseSoqlDateTime(text: string): number {
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(normalised);
  if (Number.isNaN(t)) throw new SoqlError('MALFORMED_QUERY', `invalid datetime: ${text}`);
  return t;
}

function compareValues(type: FieldDef['type'], a: unknown, b: unknown): number {
  if (TEXT_TYPES.has(type)) {
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (NUMBER_TYPES.has(type)) return Math.sign(Number(a) - Number(b));
  if (type === 'boolean') return Number(a) - Number(b);
  if (type === 'datetime') return Math.sign(Date.parse(String(a)) - Date.parse(String(b)));
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Filters, sorts (stable, ties broken by Id) and slices (OFFSET, LIMIT) the rows. */
export function evaluateQuery(query: BoundQuery, rows: readonly SRecord[], parents: ParentLookup): SRecord[] {
  const matching = query.where ? rows.filter((r) => query.where!(r, parents)) : [...rows];
  matching.sort((a, b) => {
    for (const o of query.orderBy) {
      const va = readValue(o.field, a, parents);
      const vb = readValue(o.field, b, parents);
      const aNull = va === null || va === undefined;
      const bNull = vb === null || vb === undefined;
      if (aNull || bNull) {
        if (aNull && bNull) continue;
        return aNull === o.nullsFirst ? -1 : 1;
      }
      const cmp = compareValues(o.field.field.type, va, vb);
      if (cmp !== 0) return o.descending ? -cmp : cmp;
    }
    const ia = String(a.Id);
    const ib = String(b.Id);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  return matching.slice(query.offset, end);
}

/** A field value in Salesforce's JSON form (datetimes as `2024-01-31T10:00:00.000+0000`). */
export function formatFieldValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'datetime') return formatSalesforceDateTime(String(value));
  return value;
}

/** The record as the query endpoint returns it: `attributes` then the selected fields in order. */
export function projectRecord(query: BoundQuery, row: SRecord, parents: ParentLookup, apiVersion: string): SRecord {
  const out: SRecord = { attributes: recordAttributes(query.object.name, String(row.Id), apiVersion) };
  for (const f of query.select) {
    if (!f.reference) {
      out[f.field.name] = formatFieldValue(f.field, row[f.field.name]);
      continue;
    }
    const rel = f.reference.relationshipName!;
    const parentId = row[f.reference.name];
    const parent = typeof parentId === 'string' ? parents(f.parentObject!.name, parentId) : undefined;
    if (!parent) {
      out[rel] = null;
      continue;
    }
    if (!out[rel]) out[rel] = { attributes: recordAttributes(f.parentObject!.name, String(parent.Id), apiVersion) };
    (out[rel] as SRecord)[f.field.name] = formatFieldValue(f.field, parent[f.field.name]);
  }
  return out;
}

export function recordAttributes(type: string, id: string, apiVersion: string): { type: string; url: string } {
  return { type, url: `/services/data/${apiVersion}/sobjects/${type}/${id}` };
}
