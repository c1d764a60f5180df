import {
  ComparisonOperator,
  SuiteQlCondition,
  SuiteQlLiteral,
  SuiteQlOperand,
  SuiteQlOrder,
  SuiteQlSelect,
  SuiteQlSelectItem,
} from './suiteql-ast';
import { SuiteQlError } from './suiteql-error';
import { SuiteQlToken, tokenizeSuiteQl } from './suiteql-lexer';

const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'AS',
  'IS',
  'NULL',
  'LIKE',
  'IN',
  'BETWEEN',
  'GROUP',
  'HAVING',
  'JOIN',
  'UNION',
]);

/** Oracle date formats TO_DATE / TO_TIMESTAMP accept here (the account's formats are not emulated). */
const DATE_FORMATS: Record<string, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
  'YYYY-MM-DD HH24:MI:SS': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
};

function parseDate(text: string, format: string): Date {
  const re = DATE_FORMATS[format.toUpperCase()];
  if (!re) throw new SuiteQlError(`Unsupported date format '${format}'`);
  const m = re.exec(text);
  if (!m) throw new SuiteQlError(`'${text}' does not match the date format '${format}'`);
  const n = m.slice(1).map(Number);
  const [y, mo, d] = format.toUpperCase() === 'MM/DD/YYYY' ? [n[2], n[0], n[1]] : [n[0], n[1], n[2]];
  const date = new Date(Date.UTC(y, mo - 1, d, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw new SuiteQlError(`'${text}' is not a valid date`);
  return date;
}

/**
 * Recursive-descent parser of the SuiteQL subset:
 * `SELECT * | col [AS alias], ... FROM table [alias] [WHERE cond] [ORDER BY col [ASC|DESC], ...]`;
 * conditions with `= != <> < <= > >=`, `[NOT] LIKE`, `[NOT] IN (...)`, `[NOT] BETWEEN x AND y`,
 * `IS [NOT] NULL`, `AND` (binds tighter than) `OR`, `NOT`, parentheses; literals: strings, numbers,
 * `NULL`, `TO_DATE('...', 'fmt')`, `TO_TIMESTAMP('...', 'fmt')`; `LOWER(col)` / `UPPER(col)` in
 * conditions. Joins, grouping and other functions on columns are rejected with a message (the sandbox reads one record type at a time).
 */
export class SuiteQlParser {
  private readonly tokens: SuiteQlToken[];
  private pos = 0;

  constructor(text: string) {
    this.tokens = tokenizeSuiteQl(text);
  }

  static parse(text: string): SuiteQlSelect {
    return new SuiteQlParser(text).statement();
  }

  private statement(): SuiteQlSelect {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const table = this.identifier('a table name');
    let alias: string | undefined;
    if (this.peek().kind === 'identifier' && !this.isReserved(this.peek())) alias = this.identifier('an alias');
    const from = { table, alias };
    let where: SuiteQlCondition | undefined;
    if (this.acceptKeyword('WHERE')) where = this.orCondition();
    const orderBy: SuiteQlOrder[] = [];
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      do {
        const column = this.columnRef();
        let direction: 'ASC' | 'DESC' = 'ASC';
        if (this.acceptKeyword('DESC')) direction = 'DESC';
        else this.acceptKeyword('ASC');
        orderBy.push({ column, direction });
      } while (this.accept('comma'));
    }
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      const word = rest.value.toUpperCase();
      if (['JOIN', 'GROUP', 'HAVING', 'UNION', 'LEFT', 'INNER', 'FETCH'].includes(word)) {
        throw new SuiteQlError(`${word} is not supported by the sandbox's SuiteQL engine (position ${rest.position})`);
      }
      throw this.unexpected(rest, 'the end of the statement');
    }
    return { select, from, where, orderBy };
  }

  private selectList(): SuiteQlSelectItem[] {
    const items: SuiteQlSelectItem[] = [];
    do {
      if (this.accept('star')) {
        items.push({ column: '*' });
        continue;
      }
      const column = this.columnRef();
      if (this.peek().kind === 'lparen') {
        throw new SuiteQlError(`Functions in the select list are not supported (${column.name}(...))`);
      }
      let alias: string | undefined;
      if (this.acceptKeyword('AS')) alias = this.identifier('an alias');
      else if (this.peek().kind === 'identifier' && !this.isReserved(this.peek())) alias = this.identifier('an alias');
      items.push({ column, alias });
    } while (this.accept('comma'));
    return items;
  }

  private columnRef(): { table?: string; name: string } {
    const first = this.identifier('a column name');
    if (this.accept('dot')) return { table: first, name: this.identifier('a column name') };
    return { name: first };
  }

  private orCondition(): SuiteQlCondition {
    let left = this.andCondition();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.andCondition() };
    return left;
  }

  private andCondition(): SuiteQlCondition {
    let left = this.notCondition();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.notCondition() };
    return left;
  }

  private notCondition(): SuiteQlCondition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.notCondition() };
    return this.predicate();
  }

  private predicate(): SuiteQlCondition {
    if (this.peek().kind === 'lparen') {
      this.next();
      const inner = this.orCondition();
      this.expect('rparen', "')'");
      return inner;
    }
    const operand = this.operand();
    const token = this.peek();
    if (token.kind === 'operator') {
      this.next();
      const operator = (token.value === '<>' ? '!=' : token.value) as ComparisonOperator;
      return { kind: 'compare', operator, left: operand, right: this.operand() };
    }
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      this.expectKeyword('NULL');
      return { kind: 'isNull', negated, operand };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.expect('string', 'a string pattern');
      return { kind: 'like', negated, operand, pattern: pattern.value };
    }
    if (this.acceptKeyword('IN')) {
      this.expect('lparen', "'('");
      const values: SuiteQlLiteral[] = [];
      do {
        const value = this.operand();
        if (value.kind !== 'literal') throw new SuiteQlError('IN lists hold literals only');
        values.push(value.value);
      } while (this.accept('comma'));
      this.expect('rparen', "')'");
      return { kind: 'in', negated, operand, values };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', negated, operand, low, high: this.operand() };
    }
    throw this.unexpected(this.peek(), 'a comparison operator, IS, LIKE, IN or BETWEEN');
  }

  private operand(): SuiteQlOperand {
    const token = this.peek();
    if (token.kind === 'string') {
      this.next();
      return { kind: 'literal', value: token.value };
    }
    if (token.kind === 'number') {
      this.next();
      return { kind: 'literal', value: Number(token.value) };
    }
    if (token.kind === 'identifier') {
      const word = token.value.toUpperCase();
      if (word === 'NULL') {
        this.next();
        return { kind: 'literal', value: null };
      }
      if ((word === 'TO_DATE' || word === 'TO_TIMESTAMP') && this.tokens[this.pos + 1]?.kind === 'lparen') {
        this.next();
        this.next();
        const text = this.expect('string', 'a date string').value;
        let format = word === 'TO_DATE' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH24:MI:SS';
        if (this.accept('comma')) format = this.expect('string', 'a date format').value;
        this.expect('rparen', "')'");
        return { kind: 'literal', value: parseDate(text, format) };
      }
      if ((word === 'LOWER' || word === 'UPPER') && this.tokens[this.pos + 1]?.kind === 'lparen') {
        this.next();
        this.next();
        const inner = this.operand();
        this.expect('rparen', "')'");
        if (inner.kind !== 'column' || inner.fn)
          throw new SuiteQlError(`${word} takes one column in the sandbox's SuiteQL engine`);
        return { ...inner, fn: word === 'LOWER' ? 'lower' : 'upper' };
      }
      if (this.tokens[this.pos + 1]?.kind === 'lparen') {
        throw new SuiteQlError(`Function ${token.value} is not supported by the sandbox's SuiteQL engine`);
      }
      if (this.isReserved(token)) throw this.unexpected(token, 'an operand');
      const column = this.columnRef();
      return { kind: 'column', ...column };
    }
    throw this.unexpected(token, 'an operand');
  }

  private peek(): SuiteQlToken {
    return this.tokens[this.pos];
  }

  private next(): SuiteQlToken {
    return this.tokens[this.pos++];
  }

  private accept(kind: SuiteQlToken['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.pos++;
    return true;
  }

  private expect(kind: SuiteQlToken['kind'], what: string): SuiteQlToken {
    const token = this.peek();
    if (token.kind !== kind) throw this.unexpected(token, what);
    this.pos++;
    return token;
  }

  private isReserved(token: SuiteQlToken): boolean {
    return token.kind === 'identifier' && RESERVED.has(token.value.toUpperCase());
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'identifier' || token.value.toUpperCase() !== word) return false;
    this.pos++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected(this.peek(), word);
  }

  private identifier(what: string): string {
    const token = this.peek();
    if (token.kind !== 'identifier' || this.isReserved(token)) throw this.unexpected(token, what);
    this.pos++;
    return token.value;
  }

  private unexpected(token: SuiteQlToken, expected: string): SuiteQlError {
    const found = token.kind === 'eof' ? 'the end of the statement' : `'${token.value}'`;
    return new SuiteQlError(`Expected ${expected} but found ${found} at position ${token.position}`);
  }
}
