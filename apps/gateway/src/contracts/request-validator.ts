import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One violation of the contract by a request, as the 400 problem lists it. */
export interface RequestViolation {
  in: 'path' | 'query' | 'header' | 'body';
  /** The parameter name (path, query, header) or, for the body, the JSON pointer of the field. */
  name?: string;
  pointer?: string;
  /** `limit`, `lines[0].amount`: the same place as the platform's FieldError names it. */
  field: string;
  message: string;
}

/** The parts of a request the validator reads; header names lower-case as Node gives them. */
export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Whether the request carried a body at all (content-length > 0 or chunked). */
  hasBody: boolean;
}

export type RequestValidatorFn = (parts: RequestParts) => RequestViolation[];

interface ParameterLike {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

interface OperationLike {
  parameters?: ParameterLike[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

type Location = 'path' | 'query' | 'header';

/**
 * Compiles request validators from OpenAPI 3.0 documents once, at start. OpenAPI 3.0 semantics:
 * `nullable`, formats (ajv-formats), vendor `x-` keys and annotations ignored, component `$ref`s
 * resolved within each document. Parameters are coerced from their string form (query `limit=5`
 * is the integer 5); the JSON body is validated as sent. Every violation is reported, not the first.
 */
export class RequestValidatorCompiler {
  /** Parameters arrive as strings: coerce them to the declared type (arrays from repeated keys too). */
  private readonly params = newAjv(true);
  private readonly bodies = newAjv(false);
  private readonly ignoredHeaders: Set<string>;

  /** `ignoredHeaders`: header parameters the gateway sets itself upstream (a client's value is dropped). */
  constructor(options: { ignoredHeaders?: string[] } = {}) {
    this.ignoredHeaders = new Set((options.ignoredHeaders ?? []).map((h) => h.toLowerCase()));
  }

  /** Registers a document's component schemas under its contract name so operations can `$ref` them. */
  addDocument(contract: string, doc: { components?: { schemas?: Record<string, unknown> } }): void {
    const schemas = rewriteRefs(stripVendorKeys(doc.components?.schemas ?? {}), contract) as Record<string, unknown>;
    for (const ajv of [this.params, this.bodies]) ajv.addSchema({ $id: contract, definitions: schemas });
  }

  compile(contract: string, operation: OperationLike): RequestValidatorFn {
    const groups: Record<Location, ParameterLike[]> = { path: [], query: [], header: [] };
    for (const p of operation.parameters ?? []) {
      if (p.in === 'header' && this.ignoredHeaders.has(p.name.toLowerCase())) continue;
      if (p.in === 'path' || p.in === 'query' || p.in === 'header') groups[p.in].push(p);
    }
    const checks: Array<(parts: RequestParts, out: RequestViolation[]) => void> = [];
    for (const location of ['path', 'query', 'header'] as const) {
      const declared = groups[location];
      if (declared.length === 0) continue;
      const key = (p: ParameterLike): string => (location === 'header' ? p.name.toLowerCase() : p.name);
      const schema = {
        type: 'object',
        properties: Object.fromEntries(
          declared.map((p) => [key(p), rewriteRefs(stripVendorKeys(p.schema ?? {}), contract)]),
        ),
        required: declared.filter((p) => p.required || location === 'path').map(key),
      };
      const validate = this.params.compile(schema);
      const names = declared.map(key);
      checks.push((parts, out) => {
        const source = location === 'path' ? parts.params : location === 'query' ? parts.query : parts.headers;
        // a fresh object of the declared names only: coercion must not touch the request itself
        const data: Record<string, unknown> = {};
        for (const n of names) if (source[n] !== undefined) data[n] = source[n];
        if (!validate(data)) for (const e of validate.errors ?? []) out.push(paramViolation(location, e));
      });
    }
    const json = operation.requestBody?.content?.['application/json'];
    if (operation.requestBody) {
      const required = operation.requestBody.required === true;
      const validate: ValidateFunction | undefined = json?.schema
        ? this.bodies.compile(rewriteRefs(stripVendorKeys(json.schema), contract) as object)
        : undefined;
      checks.push((parts, out) => {
        if (!parts.hasBody || parts.body === undefined) {
          if (required) out.push({ in: 'body', pointer: '', field: 'body', message: 'a request body is required' });
          return;
        }
        if (validate && !validate(parts.body)) for (const e of validate.errors ?? []) out.push(bodyViolation(e));
      });
    }
    if (checks.length === 0) return () => NO_VIOLATIONS;
    return (parts) => {
      const out: RequestViolation[] = [];
      for (const check of checks) check(parts, out);
      return out.length ? out : NO_VIOLATIONS;
    };
  }
}

const NO_VIOLATIONS: RequestViolation[] = [];

function newAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: false,
    discriminator: false,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * OpenAPI 3.0 schema -> JSON Schema: vendor extensions and OpenAPI-only annotations dropped, and
 * `nullable` where ajv cannot read it (beside `$ref`/`allOf` without `type`, or with an `enum`) spelled
 * out as JSON Schema.
 */
function stripVendorKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripVendorKeys);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'example' || k === 'xml' || k === 'externalDocs') continue;
    out[k] = stripVendorKeys(v);
  }
  if (out.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    if (out.type === undefined) {
      delete out.nullable;
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

/** `#/components/schemas/X` -> `<contract>#/definitions/X` (the registered components). */
function rewriteRefs(node: unknown, contract: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, contract));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
      out[k] = `${contract}#/definitions/${v.slice('#/components/schemas/'.length)}`;
    } else {
      out[k] = rewriteRefs(v, contract);
    }
  }
  return out;
}

function paramViolation(location: Location, e: ErrorObject): RequestViolation {
  const name =
    e.keyword === 'required'
      ? String((e.params as { missingProperty: string }).missingProperty)
      : (e.instancePath.split('/')[1] ?? '');
  const message =
    e.keyword === 'required' ? `${location} parameter ${name} is required` : `${name} ${e.message ?? 'is invalid'}`;
  return { in: location, name, field: name, message: withAllowed(message, e) };
}

function bodyViolation(e: ErrorObject): RequestViolation {
  let pointer = e.instancePath;
  if (e.keyword === 'required') pointer = `${pointer}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') {
    pointer = `${pointer}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  }
  const where = pointer || '/';
  const message =
    e.keyword === 'required'
      ? `${where} is required`
      : e.keyword === 'additionalProperties'
        ? `${where} is not a known field`
        : `${where} ${e.message ?? 'is invalid'}`;
  return { in: 'body', pointer, field: fieldPath(pointer), message: withAllowed(message, e) };
}

/** `/lines/0/amount` -> `lines[0].amount` (the whole body: `body`). */
function fieldPath(pointer: string): string {
  if (!pointer) return 'body';
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, t) => (/^\d+$/.test(t) ? `${path}[${t}]` : path ? `${path}.${t}` : t), '');
}

function withAllowed(message: string, e: ErrorObject): string {
  if (e.keyword === 'enum') {
    return `${message}: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
  }
  return message;
}
