import { SuiteQlError } from './suiteql-error';

export type SuiteQlTokenKind =
  'identifier' | 'string' | 'number' | 'operator' | 'lparen' | 'rparen' | 'comma' | 'dot' | 'star' | 'eof';

export interface SuiteQlToken {
  readonly kind: SuiteQlTokenKind;
  /** Identifier as written, unquoted string content, number text or operator. */
  readonly value: string;
  /** 0-based offset in the statement. */
  readonly position: number;
}

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];
/** After these keywords a `-` starts a negative number. */
const KEYWORDS_BEFORE_OPERAND = new Set(['SELECT', 'WHERE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'LIKE', 'IS']);

/**
 * Splits a SuiteQL statement (NetSuite's SQL-92/Oracle dialect) into tokens. Keywords come back as
 * identifiers; the parser decides what they mean. Strings use single quotes, `''` escapes a quote;
 * `"quoted identifiers"` are identifiers.
 */
export function tokenizeSuiteQl(text: string): SuiteQlToken[] {
  const tokens: SuiteQlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_$#]/.test(text[i])) i++;
      tokens.push({ kind: 'identifier', value: text.slice(start, i), position: start });
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new SuiteQlError(`Unterminated quoted identifier at position ${start}`);
      tokens.push({ kind: 'identifier', value: text.slice(i + 1, end), position: start });
      i = end + 1;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const afterValue =
      prev !== undefined &&
      (['number', 'string', 'rparen'].includes(prev.kind) ||
        (prev.kind === 'identifier' && !KEYWORDS_BEFORE_OPERAND.has(prev.value.toUpperCase())));
    const signed = c === '-' && /[0-9.]/.test(text[i + 1] ?? '') && !afterValue;
    if (signed || /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      if (signed) i++;
      while (i < text.length && /[0-9]/.test(text[i])) i++;
      if (text[i] === '.') {
        i++;
        while (i < text.length && /[0-9]/.test(text[i])) i++;
      }
      tokens.push({ kind: 'number', value: text.slice(start, i), position: start });
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new SuiteQlError(`Unterminated string literal at position ${start}`);
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
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'operator', value: op, position: start });
      i += op.length;
      continue;
    }
    const single: Record<string, SuiteQlTokenKind> = {
      '(': 'lparen',
      ')': 'rparen',
      ',': 'comma',
      '.': 'dot',
      '*': 'star',
    };
    const kind = single[c];
    if (!kind) throw new SuiteQlError(`Unexpected character '${c}' at position ${start}`);
    tokens.push({ kind, value: c, position: start });
    i++;
  }
  tokens.push({ kind: 'eof', value: '', position: text.length });
  return tokens;
}
