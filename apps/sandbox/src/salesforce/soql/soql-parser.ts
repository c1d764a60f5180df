import { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './soql-ast';
import { isDateLiteralName, isParameterisedDateLiteral } from './date-literals';
import { SoqlError } from './soql-error';
import { Token, tokenize } from './soql-lexer';

/** Words that can never be a field or object name. */
const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'IN',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'NULL',
  'TRUE',
  'FALSE',
  'GROUP',
  'HAVING',
  'WITH',
  'FOR',
  'USING',
  'INCLUDES',
  'EXCLUDES',
  'ASC',
  'DESC',
  'NULLS',
]);

/**
 * Recursive-descent parser for the SOQL subset the sandbox serves:
 *
 * ```
 * query      := SELECT selectList FROM name [WHERE condition] [ORDER BY orderList] [LIMIT int] [OFFSET int]
 * selectList := (COUNT '(' ')' | fieldPath) (',' fieldPath)*
 * condition  := unary ((AND unary)* | (OR unary)*)      -- AND and OR never mix without parentheses
 * unary      := NOT unary | '(' condition ')' | fieldPath op literal
 *             | fieldPath LIKE literal | fieldPath [NOT] IN '(' literal (',' literal)* ')'
 * literal    := string | number | TRUE | FALSE | NULL | date | datetime | DATE_LITERAL [':' int]
 * orderList  := fieldPath [ASC | DESC] [NULLS (FIRST | LAST)] (',' ...)*
 * ```
 *
 * Keywords are case-insensitive. Mixing AND and OR at one level without parentheses is rejected,
 * as Salesforce does.
 */
export function parseSoql(query: string): SoqlQuery {
  return new Parser(tokenize(query)).parseQuery();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.parseSelectList();
    this.expectKeyword('FROM');
    const fromToken = this.expectName();
    let where: Condition | undefined;
    let orderBy: OrderItem[] = [];
    let limit: number | undefined;
    let offset: number | undefined;
    let offsetPosition: number | undefined;
    if (this.acceptKeyword('WHERE')) where = this.parseCondition();
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      orderBy = this.parseOrderList();
    }
    if (this.acceptKeyword('LIMIT')) limit = this.parseNonNegativeInteger();
    if (this.acceptKeyword('OFFSET')) {
      offsetPosition = this.peek().position;
      offset = this.parseNonNegativeInteger();
    }
    const end = this.peek();
    if (end.kind !== 'eof') throw this.unexpected(end);
    return {
      select,
      from: { name: fromToken.value, position: fromToken.position },
      where,
      orderBy,
      limit,
      offset,
      offsetPosition,
    };
  }

  private parseSelectList(): SelectItem[] {
    const items: SelectItem[] = [];
    do {
      const tok = this.peek();
      if (this.isKeyword(tok, 'COUNT') && this.tokens[this.i + 1]?.kind === 'lparen') {
        this.i += 2;
        const close = this.next();
        if (close.kind !== 'rparen') {
          throw new SoqlError(
            'MALFORMED_QUERY',
            'Only COUNT() without a field is supported by this sandbox (no aggregate queries)',
            tok.position,
          );
        }
        items.push({ kind: 'count', position: tok.position });
      } else {
        items.push(this.parseFieldPath());
      }
    } while (this.accept('comma'));
    return items;
  }

  private parseFieldPath(): FieldPath {
    const first = this.expectName();
    const path = [first.value];
    while (this.peek().kind === 'dot') {
      this.i++;
      path.push(this.expectName().value);
    }
    return { kind: 'field', path, position: first.position };
  }

  private parseCondition(): Condition {
    const operands = [this.parseUnary()];
    let op: 'AND' | 'OR' | undefined;
    for (;;) {
      const tok = this.peek();
      const kw = this.isKeyword(tok, 'AND') ? 'AND' : this.isKeyword(tok, 'OR') ? 'OR' : undefined;
      if (!kw) break;
      if (op && op !== kw) throw this.unexpected(tok);
      op = kw;
      this.i++;
      operands.push(this.parseUnary());
    }
    if (operands.length === 1) return operands[0];
    return { kind: op === 'AND' ? 'and' : 'or', operands };
  }

  private parseUnary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.parseUnary() };
    if (this.accept('lparen')) {
      const inner = this.parseCondition();
      this.expect('rparen');
      return inner;
    }
    return this.parseSimpleCondition();
  }

  private parseSimpleCondition(): Condition {
    const field = this.parseFieldPath();
    const tok = this.peek();
    if (tok.kind === 'operator') {
      this.i++;
      const operator = (tok.value === '<>' ? '!=' : tok.value) as ComparisonOperator;
      return { kind: 'comparison', field, operator, value: this.parseLiteral(), position: tok.position };
    }
    if (this.acceptKeyword('LIKE'))
      return { kind: 'like', field, pattern: this.parseLiteral(), position: tok.position };
    if (this.acceptKeyword('IN'))
      return { kind: 'in', field, negated: false, values: this.parseLiteralList(), position: tok.position };
    if (this.isKeyword(tok, 'NOT') && this.isKeyword(this.tokens[this.i + 1], 'IN')) {
      this.i += 2;
      return { kind: 'in', field, negated: true, values: this.parseLiteralList(), position: tok.position };
    }
    throw this.unexpected(tok);
  }

  private parseLiteralList(): Literal[] {
    this.expect('lparen');
    const values = [this.parseLiteral()];
    while (this.accept('comma')) values.push(this.parseLiteral());
    this.expect('rparen');
    return values;
  }

  private parseLiteral(): Literal {
    const tok = this.next();
    switch (tok.kind) {
      case 'string':
        return { kind: 'string', value: tok.value, raw: tok.raw ?? tok.value, position: tok.position };
      case 'number':
        return { kind: 'number', value: tok.value, position: tok.position };
      case 'date':
        return { kind: 'date', value: tok.value, position: tok.position };
      case 'datetime':
        return { kind: 'datetime', value: tok.value, position: tok.position };
      case 'identifier': {
        const upper = tok.value.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE')
          return { kind: 'boolean', value: upper === 'TRUE', position: tok.position };
        if (upper === 'NULL') return { kind: 'null', position: tok.position };
        if (isDateLiteralName(upper)) {
          if (!isParameterisedDateLiteral(upper)) return { kind: 'dateLiteral', name: upper, position: tok.position };
          if (!this.accept('colon')) {
            throw new SoqlError(
              'MALFORMED_QUERY',
              `Bind variables only allowed in Apex code: the date literal ${upper} needs ':n'`,
              tok.position,
            );
          }
          const n = this.parseNonNegativeInteger();
          return { kind: 'dateLiteral', name: upper, n, position: tok.position };
        }
        throw this.unexpected(tok);
      }
      case 'colon':
        throw new SoqlError('MALFORMED_QUERY', 'Bind variables only allowed in Apex code', tok.position);
      default:
        throw this.unexpected(tok);
    }
  }

  private parseOrderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.parseFieldPath();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.acceptKeyword('DESC')) direction = 'DESC';
      else this.acceptKeyword('ASC');
      let nulls: 'FIRST' | 'LAST' | undefined;
      if (this.acceptKeyword('NULLS')) {
        if (this.acceptKeyword('FIRST')) nulls = 'FIRST';
        else if (this.acceptKeyword('LAST')) nulls = 'LAST';
        else throw this.unexpected(this.peek());
      }
      items.push({ field, direction, nulls });
    } while (this.accept('comma'));
    return items;
  }

  private parseNonNegativeInteger(): number {
    const tok = this.next();
    if (tok.kind !== 'number' || !/^\d+$/.test(tok.value)) throw this.unexpected(tok);
    const value = Number(tok.value);
    if (!Number.isSafeInteger(value))
      throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `number out of range: ${tok.value}`, tok.position);
    return value;
  }

  private expectName(): Token {
    const tok = this.next();
    if (tok.kind !== 'identifier' || RESERVED.has(tok.value.toUpperCase())) throw this.unexpected(tok);
    return tok;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const tok = this.tokens[this.i];
    if (tok.kind !== 'eof') this.i++;
    return tok;
  }

  private accept(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.i++;
    return true;
  }

  private expect(kind: Token['kind']): Token {
    const tok = this.next();
    if (tok.kind !== kind) throw this.unexpected(tok);
    return tok;
  }

  private isKeyword(tok: Token | undefined, keyword: string): boolean {
    return tok?.kind === 'identifier' && tok.value.toUpperCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.i++;
    return true;
  }

  private expectKeyword(keyword: string): void {
    const tok = this.next();
    if (!this.isKeyword(tok, keyword)) throw this.unexpected(tok);
  }

  private unexpected(tok: Token): SoqlError {
    const text = tok.kind === 'eof' ? '<EOF>' : `'${tok.value}'`;
    return new SoqlError('MALFORMED_QUERY', `unexpected token: ${text}`, tok.position);
  }
}
