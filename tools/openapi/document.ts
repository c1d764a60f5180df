import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiProductDescriptor, AppDefinition, apiBasePath } from '@app/platform';

/** File name of one API product version's committed contract: `<layer>.<product>.v<N>.json`. */
export function contractFileName(api: ApiProductDescriptor): string {
  return `${api.layer}.${api.product}.v${api.version}.json`;
}

/**
 * Builds the OpenAPI 3.0 document of one API product version from the app's decorators.
 * The whole app is scanned once; the document keeps only the paths under the product's base path,
 * and only the component schemas those paths reach.
 */
export function buildProductDocument(
  app: INestApplication,
  def: AppDefinition,
  api: ApiProductDescriptor,
): OpenAPIObject {
  const base = apiBasePath(api);
  const config = new DocumentBuilder()
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion(`${api.version}`)
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Consumer API key issued by the gateway.' },
      'apiKey',
    )
    .addServer('http://localhost:8080', 'The gateway of a local run (npm start)')
    .build();
  const full = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(full.paths)) {
    if (path === base || path.startsWith(`${base}/`)) paths[path] = item;
  }
  const doc: OpenAPIObject = {
    ...full,
    info: {
      ...full.info,
      'x-lifecycle': api.lifecycle,
      ...(api.sunset ? { 'x-sunset': api.sunset } : {}),
      ...(api.deprecatedAt ? { 'x-deprecated-at': api.deprecatedAt } : {}),
      'x-app': def.name,
      'x-base-path': base,
    } as OpenAPIObject['info'],
    security: [{ apiKey: [] }],
    paths,
  };
  addProblemResponses(paths);
  doc.tags = usedTags(paths).map((name) => ({ name }));
  doc.components = {
    ...full.components,
    schemas: { ...reachableSchemas(paths, full.components?.schemas ?? {}), Problem: PROBLEM_SCHEMA },
  };
  addOAuth2Scheme(doc);
  return sortKeys(doc) as OpenAPIObject;
}

function reachableSchemas(paths: unknown, schemas: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!keep.has(name)) {
          keep.add(name);
          visit(schemas[name]);
        }
      } else visit(v);
    }
  };
  visit(paths);
  return Object.fromEntries([...keep].sort().map((n) => [n, schemas[n]]));
}

/** Deterministic output: object keys sorted, arrays kept in order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** RFC 9457 problem details as every app renders them (libs/platform's global filter). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'URI identifying the problem type.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path.' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid request: malformed JSON, wrong types, unknown or missing fields (each named in errors[]).',
  '401': 'Missing or invalid credentials.',
  '403': 'The consumer may not call this operation or see this resource.',
  '404': 'No such resource.',
  '413': 'Request body too large.',
  '429': 'Rate limit or quota exceeded; see Retry-After.',
  '500': 'Unexpected error (details are logged under the correlation id).',
  '502': 'A dependency answered with an error.',
  '503': 'A dependency is unavailable (circuit open or down).',
  '504': 'A dependency did not answer in time.',
};

/**
 * Every operation documents its error answers as problem+json: the ones the code declares keep their
 * description, and the answers every app gives (bad input, auth, limits, dependencies) are added.
 */
function addProblemResponses(paths: OpenAPIObject['paths']): void {
  const ref = { $ref: '#/components/schemas/Problem' };
  for (const [route, item] of Object.entries(paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      const codes = ['400', '401', '403', '429', '500', '502', '503', '504'];
      if (route.includes('{')) codes.push('404');
      if (op.requestBody) codes.push('413');
      for (const [code, response] of Object.entries(op.responses)) {
        if (/^[45]/.test(code)) {
          (response as { content?: unknown }).content = { 'application/problem+json': { schema: ref } };
        }
      }
      for (const code of codes) {
        if (!op.responses[code]) {
          op.responses[code] = {
            description: ERROR_DESCRIPTIONS[code],
            content: { 'application/problem+json': { schema: ref } },
          };
        }
      }
    }
  }
}

/**
 * Operations that require scopes name them under the `oauth2` scheme (client credentials at the gateway's
 * token endpoint); the scheme is declared here with exactly the scopes the document uses.
 */
function addOAuth2Scheme(doc: OpenAPIObject): void {
  const scopes = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const req of op?.security ?? []) (req.oauth2 ?? []).forEach((s) => scopes.add(s));
    }
  }
  if (scopes.size === 0) return;
  doc.components = doc.components ?? {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    oauth2: {
      type: 'oauth2',
      description: 'OAuth2 client credentials: POST /oauth2/token at the gateway, then Authorization: Bearer <token>.',
      flows: {
        clientCredentials: {
          tokenUrl: 'http://localhost:8080/oauth2/token',
          scopes: Object.fromEntries([...scopes].sort().map((s) => [s, `the ${s} scope`])),
        },
      },
    },
  };
}

/** The tags the operations use, declared once at the top as OpenAPI asks. */
function usedTags(paths: OpenAPIObject['paths']): string[] {
  const tags = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) op?.tags?.forEach((t) => tags.add(t));
  }
  return [...tags].sort();
}
