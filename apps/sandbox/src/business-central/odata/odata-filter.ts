/**
 * OData v4 `$filter` for Business Central's API: a lexer, a recursive-descent parser to an AST and
 * an evaluator. Supported: `eq ne gt ge lt le`, `and` (binds tighter than) `or`, `not`, parentheses,
 * `contains(f,'x')`, `startswith(f,'x')`, `endswith(f,'x')`; literals: strings ('' escapes a quote),
 * numbers, `true`/`false`/`null`, dates (2025-01-31), date-times (2025-01-31T10:00:00Z) and GUIDs.
 */

export class ODataFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataFilterError';
  }
}

export type ODataLiteral =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'date'; value: string }
  | { type: 'datetime'; value: Date }
  | { type: 'guid'; value: string };

export type ODataComparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type ODataOperand = { kind: 'field'; name: string } | { kind: 'literal'; literal: ODataLiteral };

export type ODataFilter =
  | { kind: 'and' | 'or'; left: ODataFilter; right: ODataFilter }
  | { kind: 'not'; operand: ODataFilter }
  | { kind: 'compare'; op: ODataComparison; left: ODataOperand; right: ODataOperand }
  | { kind: 'function'; name: 'contains' | 'startswith' | 'endswith'; field: string; value: string };

type TokenKind = 'word' | 'string' | 'number' | 'date' | 'datetime' | 'guid' | 'lparen' | 'rparen' | 'comma' | 'eof';

interface Token {
  kind: TokenKind;
  value: string;
  position: number;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

export function tokenizeODataFilter(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const start = i;
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ODataFilterError(`Unterminated string literal at position ${start}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: 'string', value, position: start });
      continue;
    }
    const single: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', ',': 'comma' };
    if (single[c]) {
      tokens.push({ kind: single[c], value: c, position: start });
      i++;
      continue;
    }
    const guid = GUID.exec(rest);
    if (guid && !/[\w-]/.test(rest[guid[0].length] ?? '')) {
      tokens.push({ kind: 'guid', value: guid[0].toLowerCase(), position: start });
      i += guid[0].length;
      continue;
    }
    const datetime = DATETIME.exec(rest);
    if (datetime) {
      tokens.push({ kind: 'datetime', value: datetime[0], position: start });
      i += datetime[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date) {
      tokens.push({ kind: 'date', value: date[0], position: start });
      i += date[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: number[0], position: start });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', value: word[0], position: start });
      i += word[0].length;
      continue;
    }
    throw new ODataFilterError(`Syntax error at position ${start} in '${text}'.`);
  }
  tokens.push({ kind: 'eof', value: '', position: text.length });
  return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): ODataFilter {
    const filter = this.or();
    if (this.peek().kind !== 'eof') throw this.error(`unexpected '${this.peek().value}'`);
    return filter;
  }

  private or(): ODataFilter {
    let left = this.and();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): ODataFilter {
    let left = this.not();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): ODataFilter {
    if (this.keyword('not')) return { kind: 'not', operand: this.not() };
    return this.primary();
  }

  private primary(): ODataFilter {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.pos++;
      const inner = this.or();
      this.expect('rparen');
      return inner;
    }
    if (
      token.kind === 'word' &&
      FUNCTIONS.has(token.value.toLowerCase()) &&
      this.tokens[this.pos + 1]?.kind === 'lparen'
    ) {
      this.pos += 2;
      const field = this.expect('word').value;
      this.expect('comma');
      const value = this.expect('string').value;
      this.expect('rparen');
      const fn: ODataFilter = { kind: 'function', name: token.value.toLowerCase() as 'contains', field, value };
      if (this.keyword('eq')) {
        const flag = this.expect('word').value.toLowerCase();
        if (flag === 'true') return fn;
        if (flag === 'false') return { kind: 'not', operand: fn };
        throw this.error('a function result compares with true or false');
      }
      return fn;
    }
    const left = this.operand();
    const op = this.peek();
    if (op.kind !== 'word' || !COMPARISONS.has(op.value.toLowerCase()))
      throw this.error(`expected a comparison operator after '${token.value}'`);
    this.pos++;
    const right = this.operand();
    if (left.kind === 'literal' && right.kind === 'literal') throw this.error('a comparison needs a field');
    return { kind: 'compare', op: op.value.toLowerCase() as ODataComparison, left, right };
  }

  private operand(): ODataOperand {
    const t = this.peek();
    this.pos++;
    switch (t.kind) {
      case 'string':
        return { kind: 'literal', literal: { type: 'string', value: t.value } };
      case 'number':
        return { kind: 'literal', literal: { type: 'number', value: Number(t.value) } };
      case 'date':
        if (Number.isNaN(Date.parse(`${t.value}T00:00:00Z`))) throw this.error(`invalid date ${t.value}`);
        return { kind: 'literal', literal: { type: 'date', value: t.value } };
      case 'datetime': {
        const d = new Date(t.value);
        if (Number.isNaN(d.getTime())) throw this.error(`invalid date-time ${t.value}`);
        return { kind: 'literal', literal: { type: 'datetime', value: d } };
      }
      case 'guid':
        return { kind: 'literal', literal: { type: 'guid', value: t.value } };
      case 'word': {
        const w = t.value.toLowerCase();
        if (w === 'true' || w === 'false')
          return { kind: 'literal', literal: { type: 'boolean', value: w === 'true' } };
        if (w === 'null') return { kind: 'literal', literal: { type: 'null' } };
        if (COMPARISONS.has(w) || w === 'and' || w === 'or' || w === 'not') throw this.error(`unexpected '${t.value}'`);
        return { kind: 'field', name: t.value };
      }
      default:
        this.pos--;
        throw this.error(t.kind === 'eof' ? 'unexpected end of the expression' : `unexpected '${t.value}'`);
    }
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t.kind === 'word' && t.value.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(kind: TokenKind): Token {
    const t = this.peek();
    if (t.kind !== kind) throw this.error(`expected ${kind} but found '${t.value || 'end'}'`);
    this.pos++;
    return t;
  }

  private error(message: string): ODataFilterError {
    return new ODataFilterError(`Invalid $filter '${this.text}' at position ${this.peek().position}: ${message}.`);
  }
}

export function parseODataFilter(text: string): ODataFilter {
  return new Parser(tokenizeODataFilter(text), text).parse();
}

/** Field types of an entity set, for binding and comparing. */
export type ODataFieldType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'guid';

type Value = string | number | boolean | null;

function literalValue(literal: ODataLiteral, fieldType: ODataFieldType, field: string): Value {
  if (literal.type === 'null') return null;
  const mismatch = () =>
    new ODataFilterError(`The types of '${field}' (${fieldType}) and the literal (${literal.type}) are incompatible.`);
  switch (fieldType) {
    case 'string':
      if (literal.type !== 'string') throw mismatch();
      return literal.value;
    case 'number':
      if (literal.type !== 'number') throw mismatch();
      return literal.value;
    case 'boolean':
      if (literal.type !== 'boolean') throw mismatch();
      return literal.value;
    case 'date':
      if (literal.type === 'date') return literal.value;
      if (literal.type === 'datetime') return literal.value.toISOString().slice(0, 10);
      throw mismatch();
    case 'datetime':
      if (literal.type === 'datetime') return literal.value.getTime();
      if (literal.type === 'date') return Date.parse(`${literal.value}T00:00:00Z`);
      throw mismatch();
    case 'guid':
      if (literal.type !== 'guid') throw mismatch();
      return literal.value;
    default:
      throw mismatch();
  }
}

function fieldValue(raw: unknown, type: ODataFieldType): Value {
  if (raw === undefined || raw === null) return null;
  if (type === 'datetime') return Date.parse(String(raw));
  if (type === 'guid') return String(raw).toLowerCase();
  return raw as Value;
}

/**
 * Checks the filter against the entity's fields (unknown field -> error, as BC answers
 * BadRequest_PropertyNotFound) and returns a predicate over records.
 */
export function compileODataFilter(
  filter: ODataFilter,
  fields: Record<string, ODataFieldType>,
): (record: Record<string, unknown>) => boolean {
  const typeOf = (name: string): ODataFieldType => {
    const type = fields[name];
    if (!type) throw new ODataFilterError(`Could not find a property named '${name}' on type 'Microsoft.NAV.entity'.`);
    return type;
  };
  const compile = (f: ODataFilter): ((r: Record<string, unknown>) => boolean) => {
    switch (f.kind) {
      case 'and': {
        const [l, r] = [compile(f.left), compile(f.right)];
        return (rec) => l(rec) && r(rec);
      }
      case 'or': {
        const [l, r] = [compile(f.left), compile(f.right)];
        return (rec) => l(rec) || r(rec);
      }
      case 'not': {
        const inner = compile(f.operand);
        return (rec) => !inner(rec);
      }
      case 'function': {
        if (typeOf(f.field) !== 'string')
          throw new ODataFilterError(`${f.name} needs a string property; '${f.field}' is not one.`);
        const needle = f.value.toLowerCase();
        return (rec) => {
          const v = rec[f.field];
          if (typeof v !== 'string') return false;
          const hay = v.toLowerCase();
          return f.name === 'contains'
            ? hay.includes(needle)
            : f.name === 'startswith'
              ? hay.startsWith(needle)
              : hay.endsWith(needle);
        };
      }
      case 'compare': {
        const field = f.left.kind === 'field' ? f.left : f.right.kind === 'field' ? f.right : undefined;
        if (!field || field.kind !== 'field') throw new ODataFilterError('A comparison needs a property.');
        const other = field === f.left ? f.right : f.left;
        const flipped = field !== f.left;
        const type = typeOf(field.name);
        if (other.kind === 'field') throw new ODataFilterError('Comparing two properties is not supported.');
        const literal = literalValue(other.literal, type, field.name);
        const op = flipped ? ({ gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' } as const)[f.op] : f.op;
        return (rec) => {
          const v = fieldValue(rec[field.name], type);
          if (op === 'eq')
            return typeof v === 'string' && typeof literal === 'string'
              ? v.toLowerCase() === literal.toLowerCase()
              : v === literal;
          if (op === 'ne')
            return typeof v === 'string' && typeof literal === 'string'
              ? v.toLowerCase() !== literal.toLowerCase()
              : v !== literal;
          if (v === null || literal === null) return false;
          const c = typeof v === 'string' ? v.localeCompare(String(literal)) : (v as number) - (literal as number);
          return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
        };
      }
      default:
        return () => false;
    }
  };
  return compile(filter);
}
