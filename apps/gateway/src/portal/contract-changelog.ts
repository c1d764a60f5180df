/**
 * What changed between two versions of an API product, for people reading the portal: operations
 * added and removed, and for the operations both versions share (matched by operation id, or by the
 * path without its version segment and the method), the request and response fields added, removed
 * or retyped, and parameters added, removed or made required. It reads OpenAPI 3.0 documents as the
 * generator emits them (local `#/components/schemas/...` references). Not the CI gate: that is
 * Optic's job (tools/openapi/breaking-gate.ts); this is the human-readable summary.
 */

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  kind: ChangeKind;
  /** `request body` | `response 200` | `query parameter` ... */
  where: string;
  /** Dotted field path (`total.amountMinor`), or the parameter name. */
  name: string;
  detail: string;
}

export interface OperationChange {
  method: string;
  /** The path in the newer version (or the older one for a removed operation). */
  path: string;
  operationId?: string;
  summary?: string;
  kind: ChangeKind;
  changes: FieldChange[];
}

export interface Changelog {
  from: string;
  to: string;
  operations: OperationChange[];
}

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  key: string;
  op: Json;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const MAX_DEPTH = 8;

const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function resolve(doc: Json, schema: unknown, seen = new Set<string>()): Json {
  const s = asObject(schema);
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.has(ref)) return {};
    seen.add(ref);
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => asObject(node)[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return resolve(doc, target, seen);
  }
  const allOf = Array.isArray(s.allOf) ? s.allOf : undefined;
  if (allOf) {
    const merged: Json = { ...s, properties: {}, required: [] };
    delete merged.allOf;
    for (const part of allOf) {
      const r = resolve(doc, part, new Set(seen));
      Object.assign(merged.properties as Json, asObject(r.properties));
      (merged.required as string[]).push(...((r.required as string[] | undefined) ?? []));
      if (r.type && !merged.type) merged.type = r.type;
    }
    return merged;
  }
  return s;
}

function typeLabel(doc: Json, schema: unknown): string {
  const s = resolve(doc, schema);
  const type = typeof s.type === 'string' ? s.type : s.properties ? 'object' : 'any';
  const format = typeof s.format === 'string' ? `(${s.format})` : '';
  const items = type === 'array' ? `<${typeLabel(doc, s.items)}>` : '';
  const nullable = s.nullable === true ? '|null' : '';
  const values = Array.isArray(s.enum) ? ` one of ${s.enum.map(String).join(', ')}` : '';
  return `${type}${format}${items}${nullable}${values}`;
}

/** Every field of a schema, flattened to dotted paths (array items as `[]`). */
function fields(
  doc: Json,
  schema: unknown,
  prefix = '',
  depth = 0,
  out = new Map<string, { type: string; required: boolean }>(),
) {
  if (depth > MAX_DEPTH) return out;
  const s = resolve(doc, schema);
  if (s.type === 'array' || s.items) {
    const itemPrefix = prefix ? `${prefix}[]` : '[]';
    return fields(doc, s.items, itemPrefix, depth + 1, out);
  }
  const required = new Set((s.required as string[] | undefined) ?? []);
  for (const [name, child] of Object.entries(asObject(s.properties))) {
    const full = prefix ? `${prefix}.${name}` : name;
    out.set(full, { type: typeLabel(doc, child), required: required.has(name) });
    fields(doc, child, full, depth + 1, out);
  }
  return out;
}

function compareFields(
  where: string,
  before: Map<string, { type: string; required: boolean }>,
  after: typeof before,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [name, b] of before) {
    const a = after.get(name);
    if (!a) changes.push({ kind: 'removed', where, name, detail: `${b.type} removed` });
    else if (a.type !== b.type) changes.push({ kind: 'changed', where, name, detail: `${b.type} -> ${a.type}` });
    else if (a.required !== b.required)
      changes.push({ kind: 'changed', where, name, detail: a.required ? 'now required' : 'now optional' });
  }
  for (const [name, a] of after) {
    if (!before.has(name))
      changes.push({ kind: 'added', where, name, detail: `${a.type}${a.required ? ', required' : ''}` });
  }
  return changes;
}

function jsonSchemaOf(content: unknown): unknown {
  const c = asObject(content);
  return asObject(c['application/json'] ?? c['application/problem+json'] ?? Object.values(c)[0]).schema;
}

function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    for (const method of METHODS) {
      const op = asObject(asObject(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const unversioned = path.replace(/\/v\d+(?=\/|$)/, '/v*');
      out.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${unversioned}`, op });
    }
  }
  return out;
}

function parameters(doc: Json, op: Json): Map<string, { where: string; type: string; required: boolean }> {
  const out = new Map<string, { where: string; type: string; required: boolean }>();
  for (const p of (op.parameters as unknown[] | undefined) ?? []) {
    const param = resolve(doc, p);
    const name = String(param.name);
    const where = `${String(param.in)} parameter`;
    out.set(`${where}:${name}`, { where, type: typeLabel(doc, param.schema), required: param.required === true });
  }
  return out;
}

function compareOperation(fromDoc: Json, toDoc: Json, before: Operation, after: Operation): FieldChange[] {
  const changes: FieldChange[] = [];
  const pb = parameters(fromDoc, before.op);
  const pa = parameters(toDoc, after.op);
  for (const [key, b] of pb) {
    const name = key.slice(key.indexOf(':') + 1);
    const a = pa.get(key);
    if (!a) changes.push({ kind: 'removed', where: b.where, name, detail: 'removed' });
    else if (a.required !== b.required || a.type !== b.type)
      changes.push({
        kind: 'changed',
        where: b.where,
        name,
        detail: a.type !== b.type ? `${b.type} -> ${a.type}` : a.required ? 'now required' : 'now optional',
      });
  }
  for (const [key, a] of pa) {
    if (!pb.has(key))
      changes.push({
        kind: 'added',
        where: a.where,
        name: key.slice(key.indexOf(':') + 1),
        detail: a.required ? 'required' : 'optional',
      });
  }
  changes.push(
    ...compareFields(
      'request body',
      fields(fromDoc, jsonSchemaOf(asObject(resolve(fromDoc, before.op.requestBody)).content)),
      fields(toDoc, jsonSchemaOf(asObject(resolve(toDoc, after.op.requestBody)).content)),
    ),
  );
  const rb = asObject(before.op.responses);
  const ra = asObject(after.op.responses);
  for (const status of new Set([...Object.keys(rb), ...Object.keys(ra)])) {
    if (!status.startsWith('2')) continue;
    const where = `response ${status}`;
    if (!(status in ra)) {
      changes.push({ kind: 'removed', where, name: status, detail: 'response removed' });
      continue;
    }
    if (!(status in rb)) {
      changes.push({ kind: 'added', where, name: status, detail: 'response added' });
      continue;
    }
    changes.push(
      ...compareFields(
        where,
        fields(fromDoc, jsonSchemaOf(resolve(fromDoc, rb[status]).content)),
        fields(toDoc, jsonSchemaOf(resolve(toDoc, ra[status]).content)),
      ),
    );
  }
  return changes;
}

/** The changelog from the document named `from` to the one named `to`. */
export function contractChangelog(from: { name: string; doc: Json }, to: { name: string; doc: Json }): Changelog {
  const before = operations(from.doc);
  const after = operations(to.doc);
  const matchIn = (list: Operation[], o: Operation) =>
    list.find((x) => typeof o.op.operationId === 'string' && x.op.operationId === o.op.operationId) ??
    list.find((x) => x.key === o.key);
  const result: OperationChange[] = [];
  const matched = new Set<Operation>();
  for (const a of after) {
    const b = matchIn(before, a);
    const base = {
      method: a.method,
      path: a.path,
      operationId: a.op.operationId as string | undefined,
      summary: a.op.summary as string | undefined,
    };
    if (!b) {
      result.push({ ...base, kind: 'added', changes: [] });
      continue;
    }
    matched.add(b);
    const changes = compareOperation(from.doc, to.doc, b, a);
    if (changes.length) result.push({ ...base, kind: 'changed', changes });
  }
  for (const b of before) {
    if (matched.has(b)) continue;
    result.push({
      method: b.method,
      path: b.path,
      operationId: b.op.operationId as string | undefined,
      summary: b.op.summary as string | undefined,
      kind: 'removed',
      changes: [],
    });
  }
  const order: Record<ChangeKind, number> = { removed: 0, changed: 1, added: 2 };
  result.sort(
    (x, y) => order[x.kind] - order[y.kind] || x.path.localeCompare(y.path) || x.method.localeCompare(y.method),
  );
  return { from: from.name, to: to.name, operations: result };
}
