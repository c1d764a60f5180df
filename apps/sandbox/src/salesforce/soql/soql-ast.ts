/** The syntax tree of one SOQL statement, as written (names not yet resolved against metadata). */
export interface FieldPath {
  readonly kind: 'field';
  /** `['Account', 'Name']` for `Account.Name`. */
  readonly path: readonly string[];
  readonly position: number;
}

export interface CountItem {
  readonly kind: 'count';
  readonly position: number;
}

export type SelectItem = FieldPath | CountItem;

export type Literal =
  | { readonly kind: 'string'; readonly value: string; readonly raw: string; readonly position: number }
  | { readonly kind: 'number'; readonly value: string; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  | { readonly kind: 'null'; readonly position: number }
  /** `2024-01-31` */
  | { readonly kind: 'date'; readonly value: string; readonly position: number }
  /** `2024-01-31T10:00:00Z`, `2024-01-31T10:00:00.000+01:00` */
  | { readonly kind: 'datetime'; readonly value: string; readonly position: number }
  /** `TODAY`, `LAST_N_DAYS:30` (name upper-cased). */
  | { readonly kind: 'dateLiteral'; readonly name: string; readonly n?: number; readonly position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'and'; readonly operands: readonly Condition[] }
  | { readonly kind: 'or'; readonly operands: readonly Condition[] }
  | { readonly kind: 'not'; readonly operand: Condition }
  | {
      readonly kind: 'comparison';
      readonly field: FieldPath;
      readonly operator: ComparisonOperator;
      readonly value: Literal;
      readonly position: number;
    }
  | { readonly kind: 'like'; readonly field: FieldPath; readonly pattern: Literal; readonly position: number }
  | {
      readonly kind: 'in';
      readonly field: FieldPath;
      readonly negated: boolean;
      readonly values: readonly Literal[];
      readonly position: number;
    };

export interface OrderItem {
  readonly field: FieldPath;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
}

export interface SoqlQuery {
  readonly select: readonly SelectItem[];
  readonly from: { readonly name: string; readonly position: number };
  readonly where?: Condition;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: number;
  readonly offset?: number;
  /** Position of the OFFSET value, for range errors. */
  readonly offsetPosition?: number;
}
