import { SoqlError } from './soql-error';

export type TokenKind =
  | 'identifier'
  | 'string'
  | 'number'
  | 'date'
  | 'datetime'
  | 'operator'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'dot'
  | 'colon'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Decoded value: the identifier as written, the unescaped string, the number text, the operator. */
  readonly value: string;
  /** 0-based offset in the query. */
  readonly position: number;
  /** String literals only: the text between the quotes, escapes untouched (LIKE needs them). */
  readonly raw?: string;
}

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;
const DATETIME_TAIL_RE = /^T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const STRING_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Splits a SOQL statement into tokens. Keywords are returned as identifiers (the parser decides,
 * case-insensitively, whether `select` is a keyword). String tokens carry both the decoded value
 * and the raw text, so LIKE can tell an escaped `\%` from a wildcard.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const ch = query[i];
        if (ch === '\\') {
          const next = query[i + 1];
          if (next === undefined) break;
          if (next === '%' || next === '_') {
            value += next;
          } else if (next in STRING_ESCAPES) {
            value += STRING_ESCAPES[next];
          } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(query.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(query.slice(i + 2, i + 6), 16));
            i += 4;
          } else {
            throw new SoqlError(
              'MALFORMED_QUERY',
              `Invalid string literal '${query.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`,
              start,
            );
          }
          i += 2;
          continue;
        }
        if (ch === "'") {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${query.slice(start)}'`, start);
      tokens.push({ kind: 'string', value, position: start, raw: query.slice(start + 1, i - 1) });
      continue;
    }
    if (isDigit(c) || ((c === '-' || c === '+') && isDigit(query[i + 1]))) {
      const rest = query.slice(i);
      const date = DATE_RE.exec(rest);
      if (date && isDigit(c)) {
        const [text, y, m, d] = date;
        if (!validCalendarDate(Number(y), Number(m), Number(d))) {
          throw new SoqlError(
            'MALFORMED_QUERY',
            `line 1:${start} no viable alternative at character '${text}': invalid date`,
            start,
          );
        }
        const tail = DATETIME_TAIL_RE.exec(rest.slice(text.length));
        if (tail) {
          const [tailText, hh, mm, ss] = tail;
          if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
            throw new SoqlError('MALFORMED_QUERY', `invalid datetime: ${text + tailText}`, start);
          }
          tokens.push({ kind: 'datetime', value: text + tailText, position: start });
          i += text.length + tailText.length;
        } else if (rest[text.length] === 'T') {
          throw new SoqlError('MALFORMED_QUERY', `invalid datetime: ${rest.split(/[\s)]/)[0]}`, start);
        } else {
          tokens.push({ kind: 'date', value: text, position: start });
          i += text.length;
        }
        continue;
      }
      const num = /^[-+]?\d+(\.\d+)?/.exec(rest)!;
      i += num[0].length;
      if (i < n && isIdentPart(query[i])) {
        throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${query.slice(start).split(/[\s,()]/)[0]}'`, start);
      }
      tokens.push({ kind: 'number', value: num[0], position: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(query[i])) i++;
      tokens.push({ kind: 'identifier', value: query.slice(start, i), position: start });
      continue;
    }
    const op = OPERATORS.find((o) => query.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'operator', value: op, position: start });
      i += op.length;
      continue;
    }
    const punct: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', ',': 'comma', '.': 'dot', ':': 'colon' };
    if (c in punct) {
      tokens.push({ kind: punct[c], value: c, position: start });
      i++;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `line 1:${start} no viable alternative at character '${c}'`, start);
  }
  tokens.push({ kind: 'eof', value: '', position: n });
  return tokens;
}
