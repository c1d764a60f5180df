/** Error codes the SOQL engine reports, as Salesforce names them. */
export type SoqlErrorCode =
  'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE';

/** A query Salesforce would reject; `position` is the 0-based offset of the offending token. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: SoqlErrorCode,
    readonly detail: string,
    readonly position?: number,
  ) {
    super(detail);
    this.name = 'SoqlError';
  }

  /**
   * Salesforce's message layout: the query line, a caret under the offending token, the row and
   * column, then the sentence. E.g.
   * `\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' ...`
   */
  formatFor(query: string): string {
    if (this.position === undefined) return this.detail;
    const before = query.slice(0, this.position);
    const row = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const column = this.position - lineStart + 1;
    const lineEnd = query.indexOf('\n', this.position);
    const line = query.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${this.detail}`;
  }
}
