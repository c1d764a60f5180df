import { RequestValidatorCompiler, RequestValidatorFn } from './request-validator';

/** One operation a published contract declares, compiled once for matching. */
export interface RouteOperation {
  method: string;
  /** The OpenAPI path template, e.g. `/system/crm/v1/opportunities/{id}`. */
  template: string;
  operationId: string;
  /** The app that serves it (the document's `info.x-app`). */
  app: string;
  /** `<layer>.<product>.v<N>`, the contract the operation belongs to. */
  contract: string;
  /** `<layer>.<product>` and N of the contract. */
  product: string;
  version: number;
  lifecycle: string;
  /** Scopes of the operation's security requirement (empty: any authenticated consumer). */
  scopes: string[];
  /**
   * The security requirement's alternatives (OpenAPI: any one object satisfied), each the scopes it
   * needs together. `[[]]` when any authenticated consumer may call.
   */
  requirements: string[][];
  /** Checks path, query, headers and body against the contract (compiled once, at start). */
  validate: RequestValidatorFn;
  pattern: RegExp;
}

export interface RouteMatch {
  operation: RouteOperation;
  params: Record<string, string>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface OpenApiDocumentLike {
  info: { 'x-app'?: string; 'x-lifecycle'?: string; title?: string };
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OperationObjectLike>>>;
  components?: { schemas?: Record<string, unknown> };
}

interface OperationObjectLike {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  /** The scopes every credential needs (OpenAPI 3.0 lets only OAuth2 requirements list scopes). */
  'x-required-scopes'?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

const ACCEPT_ALL: RequestValidatorFn = () => [];

/** Entries of the match cache before it starts over. */
const MATCH_CACHE_SIZE = 10_000;

/**
 * The gateway's route table, derived from the committed OpenAPI documents: what partners read is
 * exactly what the gateway routes. Literal segments win over parameters when both match.
 */
export class RouteTable {
  private readonly byMethod = new Map<string, RouteOperation[]>();
  /** Operations by method and `/<layer>/<product>/v<N>` prefix: a look-up tries only its product version's. */
  private readonly byPrefix = new Map<string, RouteOperation[]>();

  /**
   * Builds the table; with `validators`, each operation also gets its request validator compiled
   * from the document (without, every request passes validation: route look-ups only).
   */
  static fromDocuments(
    docs: Array<{ file: string; doc: OpenApiDocumentLike }>,
    validators?: RequestValidatorCompiler,
  ): RouteTable {
    const table = new RouteTable();
    for (const { file, doc } of docs) {
      const app = doc.info['x-app'];
      if (!app) throw new Error(`openapi/${file} has no info.x-app naming the app that serves it`);
      const contract = file.replace(/\.json$/, '');
      validators?.addDocument(contract, doc);
      for (const [template, item] of Object.entries(doc.paths ?? {})) {
        for (const method of METHODS) {
          const op = item[method];
          if (!op) continue;
          const security = op.security ?? doc.security ?? [];
          // `x-required-scopes` binds every credential (an API key's requirement cannot list scopes in
          // OpenAPI 3.0); without it, each alternative of `security` needs the scopes it lists.
          const declared = op['x-required-scopes'];
          const requirements = declared
            ? [[...new Set(declared)]]
            : security.length
              ? security.map((req) => [...new Set(Object.values(req).flat())])
              : [[]];
          table.add({
            method: method.toUpperCase(),
            template,
            operationId: op.operationId ?? `${method} ${template}`,
            app,
            contract,
            product: contract.replace(/\.v\d+$/, ''),
            version: Number(/\.v(\d+)$/.exec(contract)?.[1] ?? 0),
            lifecycle: doc.info['x-lifecycle'] ?? 'draft',
            scopes: declared
              ? [...new Set(declared)]
              : [...new Set(security.flatMap((req) => Object.values(req).flat()))],
            requirements,
            validate: validators ? validators.compile(contract, op) : ACCEPT_ALL,
            pattern: compileTemplate(template),
          });
        }
      }
    }
    for (const ops of table.byMethod.values()) ops.sort((a, b) => specificity(b.template) - specificity(a.template));
    for (const ops of table.byPrefix.values()) ops.sort((a, b) => specificity(b.template) - specificity(a.template));
    return table;
  }

  private add(op: RouteOperation): void {
    const list = this.byMethod.get(op.method) ?? [];
    list.push(op);
    this.byMethod.set(op.method, list);
    const key = `${op.method} ${versionPrefix(op.template)}`;
    const byPrefix = this.byPrefix.get(key) ?? [];
    byPrefix.push(op);
    this.byPrefix.set(key, byPrefix);
  }

  get size(): number {
    let n = 0;
    for (const ops of this.byMethod.values()) n += ops.length;
    return n;
  }

  /**
   * Recent look-ups by method and path (a router match cache, as Kong's router keeps): APIs are called
   * on the same paths again and again. Bounded; a hit returns the same frozen match.
   */
  private readonly recent = new Map<string, RouteMatch | null>();

  match(method: string, path: string): RouteMatch | undefined {
    const key = `${method} ${path}`;
    const hit = this.recent.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.lookup(method, path);
    if (this.recent.size >= MATCH_CACHE_SIZE) this.recent.clear();
    this.recent.set(key, found ?? null);
    return found;
  }

  private lookup(method: string, path: string): RouteMatch | undefined {
    const m = method.toUpperCase();
    const ops = this.byPrefix.get(`${m === 'HEAD' ? 'GET' : m} ${versionPrefix(path)}`) ?? [];
    for (const operation of ops) {
      const m = operation.pattern.exec(path);
      if (m) return Object.freeze({ operation, params: Object.freeze({ ...(m.groups ?? {}) }) });
    }
    return undefined;
  }

  /** Whether any method declares this path (for 405 vs 404). */
  hasPath(path: string): boolean {
    for (const ops of this.byMethod.values()) if (ops.some((o) => o.pattern.test(path))) return true;
    return false;
  }
}

/** `/system/crm/v1/opportunities/{id}` -> `/system/crm/v1` (the first three segments). */
function versionPrefix(path: string): string {
  let slash = 0;
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) === 47 && ++slash === 4) return path.slice(0, i);
  }
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

function compileTemplate(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment);
      if (param) return `(?<${param[1]}>[^/]+)`;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function specificity(template: string): number {
  return template.split('/').reduce((n, s) => n + (s.startsWith('{') ? 1 : 3), 0);
}
