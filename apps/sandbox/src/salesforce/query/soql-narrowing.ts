import { toId18 } from '../common/salesforce-id';
import { SObjectRegistry } from '../schema/sobject-registry';
import { SObjectDef } from '../schema/sobject-schema';
import { Condition, FieldPath, Literal } from '../soql/soql-ast';

/**
 * Which stored rows a SOQL WHERE can possibly match, as SQL the store runs (by primary key, or on
 * one field of the record), so a query by Id, by external id or by parent id does not load every
 * record of the object. Always a SUPERSET of the matches: the SOQL engine still evaluates the whole
 * WHERE on what is loaded, so the results are identical to a full scan.
 *
 * - `Id = '...'`, `Id IN (...)`: the record ids (18 characters, as stored);
 * - `<reference> = '...'` / `IN`: the field's first 15 characters (the engine compares 18-character forms);
 * - `<text field> = '...'` / `IN` with ASCII literals: the field lower-cased (SOQL compares text
 *   without case);
 * - `a AND b`: the first conjunct that narrows; `a OR b`: the union when every operand narrows;
 *   anything else (NOT, !=, LIKE, ranges, parent fields, non-ASCII text): no narrowing (full scan).
 */
export type RowKey =
  | { kind: 'id'; values: string[] }
  | { kind: 'reference'; field: string; values: string[] }
  | { kind: 'text'; field: string; values: string[] };

const TEXT_TYPES = new Set(['string', 'picklist', 'url', 'email', 'phone']);
const ASCII = /^[\x20-\x7e]*$/;

/** The keys (their union covers every match), or undefined when the WHERE cannot be narrowed. */
export function narrowingOf(
  where: Condition | undefined,
  object: SObjectDef,
  registry: SObjectRegistry,
): RowKey[] | undefined {
  if (!where) return undefined;
  switch (where.kind) {
    case 'and': {
      for (const operand of where.operands) {
        const keys = narrowingOf(operand, object, registry);
        if (keys) return keys;
      }
      return undefined;
    }
    case 'or': {
      const all: RowKey[] = [];
      for (const operand of where.operands) {
        const keys = narrowingOf(operand, object, registry);
        if (!keys) return undefined;
        all.push(...keys);
      }
      return all;
    }
    case 'comparison':
      return where.operator === '=' ? keyFor(where.field, [where.value], object, registry) : undefined;
    case 'in':
      return where.negated ? undefined : keyFor(where.field, where.values, object, registry);
    default:
      return undefined;
  }
}

function keyFor(
  path: FieldPath,
  literals: readonly Literal[],
  object: SObjectDef,
  registry: SObjectRegistry,
): RowKey[] | undefined {
  // As the engine resolves it: `Opportunity.Id` on Opportunity is the object's own field.
  const parts =
    path.path.length === 2 &&
    path.path[0].toLowerCase() === object.name.toLowerCase() &&
    !registry.relationship(object, path.path[0])
      ? path.path.slice(1)
      : path.path;
  if (parts.length !== 1) return undefined;
  const field = registry.field(object, parts[0]);
  if (!field) return undefined;
  const values: string[] = [];
  for (const literal of literals) {
    if (literal.kind !== 'string') return undefined;
    values.push(literal.value);
  }
  if (values.length === 0) return undefined;
  if (field.name === 'Id') {
    const ids = values.map((v) => toId18(v));
    if (ids.some((id) => !id)) return undefined;
    return [{ kind: 'id', values: ids as string[] }];
  }
  if (field.type === 'reference' || field.type === 'id') {
    const ids = values.map((v) => toId18(v));
    if (ids.some((id) => !id)) return undefined;
    return [{ kind: 'reference', field: field.name, values: ids.map((id) => id!.slice(0, 15)) }];
  }
  if (TEXT_TYPES.has(field.type) && values.every((v) => ASCII.test(v))) {
    return [{ kind: 'text', field: field.name, values: values.map((v) => v.toLowerCase()) }];
  }
  return undefined;
}
