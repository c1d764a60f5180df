/** Abstract syntax of the SuiteQL subset the sandbox runs. */

export type SuiteQlLiteral = string | number | boolean | null | Date;

/** A column, optionally through `LOWER(...)` / `UPPER(...)` (the only functions on columns the sandbox runs). */
export type SuiteQlOperand =
  { kind: 'column'; table?: string; name: string; fn?: 'lower' | 'upper' } | { kind: 'literal'; value: SuiteQlLiteral };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type SuiteQlCondition =
  | { kind: 'and' | 'or'; left: SuiteQlCondition; right: SuiteQlCondition }
  | { kind: 'not'; operand: SuiteQlCondition }
  | { kind: 'compare'; operator: ComparisonOperator; left: SuiteQlOperand; right: SuiteQlOperand }
  | { kind: 'like'; negated: boolean; operand: SuiteQlOperand; pattern: string }
  | { kind: 'in'; negated: boolean; operand: SuiteQlOperand; values: SuiteQlLiteral[] }
  | { kind: 'between'; negated: boolean; operand: SuiteQlOperand; low: SuiteQlOperand; high: SuiteQlOperand }
  | { kind: 'isNull'; negated: boolean; operand: SuiteQlOperand };

export interface SuiteQlSelectItem {
  /** `*`, or one column. */
  column: '*' | { table?: string; name: string };
  alias?: string;
}

export interface SuiteQlOrder {
  column: { table?: string; name: string };
  direction: 'ASC' | 'DESC';
}

export interface SuiteQlSelect {
  select: SuiteQlSelectItem[];
  from: { table: string; alias?: string };
  where?: SuiteQlCondition;
  orderBy: SuiteQlOrder[];
}
