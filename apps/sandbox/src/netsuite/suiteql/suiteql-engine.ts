import { SuiteQlCondition, SuiteQlLiteral, SuiteQlOperand, SuiteQlSelect } from './suiteql-ast';
import { SuiteQlError } from './suiteql-error';
import { SuiteQlParser } from './suiteql-parser';

/** Column types of a SuiteQL table. Booleans are 'T'/'F' as in NetSuite; references hold the internal id. */
export type SuiteQlColumnType = 'string' | 'number' | 'boolean' | 'date' | 'reference';

export type SuiteQlValue = string | number | Date | null;

/** A table as the engine sees it: its columns (lowercase names) and its rows (lowercase keys). */
export interface SuiteQlTable {
  columns: Record<string, SuiteQlColumnType>;
  rows: Array<Record<string, SuiteQlValue>>;
}

/** One result row: lowercase column names (or aliases); null values are left out, as NetSuite does. */
export type SuiteQlRow = Record<string, string | number>;

interface Bound {
  statement: SuiteQlSelect;
  columns: Record<string, SuiteQlColumnType>;
}

/** The table a statement reads (lowercase), so the caller can load only that record type. */
export function suiteQlTableOf(statement: SuiteQlSelect): string {
  return statement.from.table.toLowerCase();
}

/** `LOWER(column) LIKE 'pattern'` that the store can run in SQL first (see `suiteQlPrefilters`). */
export interface SuiteQlPrefilter {
  column: string;
  pattern: string;
}

/**
 * The top-level `AND` conjuncts `LOWER(col) LIKE '<ascii pattern without _ or \\>'` of a WHERE:
 * the store may load only the rows matching them in SQL (a superset of the result: the engine still
 * evaluates the whole WHERE on those rows), instead of every record of the type.
 */
export function suiteQlPrefilters(statement: SuiteQlSelect): SuiteQlPrefilter[] {
  const out: SuiteQlPrefilter[] = [];
  const visit = (c: SuiteQlCondition | undefined): void => {
    if (!c) return;
    if (c.kind === 'and') {
      visit(c.left);
      visit(c.right);
    } else if (
      c.kind === 'like' &&
      !c.negated &&
      c.operand.kind === 'column' &&
      c.operand.fn === 'lower' &&
      /^[\x20-\x7e]*$/.test(c.pattern) &&
      !/[_\\]/.test(c.pattern)
    ) {
      out.push({ column: c.operand.name.toLowerCase(), pattern: c.pattern });
    }
  };
  visit(statement.where);
  return out;
}

export function parseSuiteQl(text: string): SuiteQlSelect {
  return SuiteQlParser.parse(text);
}

function columnName(
  statement: SuiteQlSelect,
  ref: { table?: string; name: string },
  columns: Record<string, SuiteQlColumnType>,
): string {
  const table = statement.from.table.toLowerCase();
  if (ref.table) {
    const qualifier = ref.table.toLowerCase();
    if (qualifier !== table && qualifier !== statement.from.alias?.toLowerCase()) {
      throw new SuiteQlError(`Unknown table or alias '${ref.table}' (joins are not supported)`);
    }
  }
  const name = ref.name.toLowerCase();
  if (!(name in columns)) {
    throw new SuiteQlError(
      `Search error occurred: Field '${ref.name}' for record '${statement.from.table}' was not found.`,
    );
  }
  return name;
}

function literalFor(value: SuiteQlLiteral, type: SuiteQlColumnType | undefined): SuiteQlValue {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (type === 'date' && typeof value === 'string') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new SuiteQlError(`'${value}' is not a date`);
    return date;
  }
  if (type === 'reference' && typeof value === 'number') return String(value);
  return value;
}

function compareValues(a: SuiteQlValue, b: SuiteQlValue): number | undefined {
  if (a === null || b === null) return undefined;
  if (a instanceof Date || b instanceof Date) {
    const x = a instanceof Date ? a.getTime() : new Date(a).getTime();
    const y = b instanceof Date ? b.getTime() : new Date(b).getTime();
    if (Number.isNaN(x) || Number.isNaN(y))
      throw new SuiteQlError('Cannot compare a date with a value that is not a date');
    return x - y;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y))
      throw new SuiteQlError(`Invalid number in a comparison ('${String(Number.isNaN(x) ? a : b)}')`);
    return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (const c of pattern) {
    if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

class Evaluator {
  constructor(private readonly bound: Bound) {}

  private value(
    operand: SuiteQlOperand,
    row: Record<string, SuiteQlValue>,
    peerType?: SuiteQlColumnType,
  ): SuiteQlValue {
    if (operand.kind === 'column') {
      const v = row[columnName(this.bound.statement, operand, this.bound.columns)] ?? null;
      if (!operand.fn || v === null) return v;
      const text = v instanceof Date ? v.toISOString() : String(v);
      return operand.fn === 'lower' ? text.toLowerCase() : text.toUpperCase();
    }
    return literalFor(operand.value, peerType);
  }

  private typeOf(operand: SuiteQlOperand): SuiteQlColumnType | undefined {
    if (operand.kind === 'column' && operand.fn) return 'string';
    return operand.kind === 'column'
      ? this.bound.columns[columnName(this.bound.statement, operand, this.bound.columns)]
      : undefined;
  }

  /** SQL three-valued logic: undefined is UNKNOWN (a comparison with NULL). */
  test(condition: SuiteQlCondition, row: Record<string, SuiteQlValue>): boolean | undefined {
    switch (condition.kind) {
      case 'and': {
        const l = this.test(condition.left, row);
        if (l === false) return false;
        const r = this.test(condition.right, row);
        if (r === false) return false;
        return l === true && r === true ? true : undefined;
      }
      case 'or': {
        const l = this.test(condition.left, row);
        if (l === true) return true;
        const r = this.test(condition.right, row);
        if (r === true) return true;
        return l === false && r === false ? false : undefined;
      }
      case 'not': {
        const v = this.test(condition.operand, row);
        return v === undefined ? undefined : !v;
      }
      case 'compare': {
        const left = this.value(condition.left, row, this.typeOf(condition.right));
        const right = this.value(condition.right, row, this.typeOf(condition.left));
        const c = compareValues(left, right);
        if (c === undefined) return undefined;
        switch (condition.operator) {
          case '=':
            return c === 0;
          case '!=':
            return c !== 0;
          case '<':
            return c < 0;
          case '<=':
            return c <= 0;
          case '>':
            return c > 0;
          case '>=':
            return c >= 0;
          default:
            return undefined;
        }
      }
      case 'like': {
        const v = this.value(condition.operand, row);
        if (v === null) return undefined;
        const text = v instanceof Date ? v.toISOString() : String(v);
        return likeToRegExp(condition.pattern).test(text) !== condition.negated;
      }
      case 'in': {
        const type = this.typeOf(condition.operand);
        const v = this.value(condition.operand, row);
        if (v === null) return undefined;
        const found = condition.values.some((lit) => compareValues(v, literalFor(lit, type)) === 0);
        return found !== condition.negated;
      }
      case 'between': {
        const type = this.typeOf(condition.operand);
        const v = this.value(condition.operand, row);
        const lo = compareValues(v, this.value(condition.low, row, type));
        const hi = compareValues(v, this.value(condition.high, row, type));
        if (lo === undefined || hi === undefined) return undefined;
        return (lo >= 0 && hi <= 0) !== condition.negated;
      }
      case 'isNull': {
        const v = this.value(condition.operand, row);
        return (v === null) !== condition.negated;
      }
      default:
        return undefined;
    }
  }
}

function output(value: SuiteQlValue): string | number | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Runs a parsed statement on one table: filters (WHERE), orders (ORDER BY; Oracle's default of nulls
 * last ascending and first descending; `id` order otherwise) and projects the select list.
 */
export function runSuiteQl(statement: SuiteQlSelect, table: SuiteQlTable): SuiteQlRow[] {
  const bound: Bound = { statement, columns: table.columns };
  const evaluator = new Evaluator(bound);
  const order = statement.orderBy.map((o) => ({
    name: columnName(statement, o.column, table.columns),
    desc: o.direction === 'DESC',
  }));
  const projection: Array<{ name: string; as: string }> = [];
  for (const item of statement.select) {
    if (item.column === '*') {
      for (const name of Object.keys(table.columns)) projection.push({ name, as: name });
    } else {
      const name = columnName(statement, item.column, table.columns);
      projection.push({ name, as: (item.alias ?? item.column.name).toLowerCase() });
    }
  }
  let rows = table.rows;
  if (statement.where) {
    // Every column is checked once, even when no row exists.
    evaluator.test(statement.where, Object.fromEntries(Object.keys(table.columns).map((c) => [c, null])));
    rows = rows.filter((row) => evaluator.test(statement.where!, row) === true);
  }
  const sorted = [...rows].sort((a, b) => {
    for (const { name, desc } of order) {
      const x = a[name] ?? null;
      const y = b[name] ?? null;
      if (x === null && y === null) continue;
      if (x === null) return desc ? -1 : 1;
      if (y === null) return desc ? 1 : -1;
      const c = compareValues(x, y) ?? 0;
      if (c !== 0) return desc ? -c : c;
    }
    return Number(a.id ?? 0) - Number(b.id ?? 0);
  });
  return sorted.map((row) => {
    const out: SuiteQlRow = {};
    for (const { name, as } of projection) {
      const v = output(row[name] ?? null);
      if (v !== undefined) out[as] = v;
    }
    return out;
  });
}
