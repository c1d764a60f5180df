import { defineConfig } from '@app/platform';
import { IsInt, IsOptional, IsString, isURL, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseServiceKeys } from './identity/service-keys';

/** Where the product's committed contracts live: `openapi/` at the repository (or image) root. */
function defaultOpenApiDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'openapi');
}

/** The apps behind the gateway and their default local addresses (each overridable by <APP>_URL). */
export const UPSTREAM_DEFAULTS: Record<string, string> = {
  'experience-api': 'http://127.0.0.1:8081',
  'process-api': 'http://127.0.0.1:8082',
  'system-crm': 'http://127.0.0.1:8091',
  'system-psa': 'http://127.0.0.1:8092',
  'system-erp': 'http://127.0.0.1:8093',
  'system-billing': 'http://127.0.0.1:8094',
  'system-hris': 'http://127.0.0.1:8095',
};

export function upstreamEnvName(app: string): string {
  return `${app.toUpperCase().replace(/-/g, '_')}_URL`;
}

export class GatewayConfig {
  /** DEMO_API_KEY: registered at start for the `demo` consumer when set. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  demoApiKey?: string;

  /** GATEWAY_SERVICE_KEYS="process-api=<key>,...": internal service consumers registered at start. */
  @IsOptional()
  @ValidateBy({
    name: 'serviceKeys',
    validator: {
      validate: (value: unknown) => invalidServiceKeys(value).length === 0,
      defaultMessage: (args) =>
        `GATEWAY_SERVICE_KEYS must list name=<key of 16+ characters> pairs (${invalidServiceKeys(args?.value).join(', ')})`,
    },
  })
  serviceKeys?: Record<string, string>;

  /** GATEWAY_OPENAPI_DIR: the contracts the route table is built from. */
  @IsString()
  openapiDir: string;

  /** GATEWAY_UPSTREAM_TIMEOUT_MS: how long an upstream may take to answer. */
  @IsInt()
  @Min(50)
  @Max(300000)
  upstreamTimeoutMs: number;

  /** <APP>_URL for each upstream app, e.g. SYSTEM_CRM_URL. */
  @ValidateBy({
    name: 'upstreamUrls',
    validator: {
      validate: (value: unknown) => invalidUpstreams(value).length === 0,
      defaultMessage: (args) => `${invalidUpstreams(args?.value).join(', ')} must be http(s) URLs`,
    },
  })
  upstreams: Record<string, string>;
}

function invalidServiceKeys(value: unknown): string[] {
  if (value === undefined) return [];
  if (!value || typeof value !== 'object') return ['not a list'];
  return Object.entries(value as Record<string, unknown>)
    .filter(([name, key]) => !/^[a-z][a-z0-9-]*$/.test(name) || typeof key !== 'string' || key.length < 16)
    .map(([name]) => name);
}

function invalidUpstreams(value: unknown): string[] {
  if (!value || typeof value !== 'object') return ['the upstream URLs'];
  return Object.entries(value as Record<string, unknown>)
    .filter(
      ([, url]) =>
        typeof url !== 'string' ||
        !isURL(url, { require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
    )
    .map(([app]) => upstreamEnvName(app));
}

export const gatewayConfig = defineConfig('gateway', GatewayConfig, (env) => ({
  demoApiKey: env.DEMO_API_KEY || undefined,
  serviceKeys: parseServiceKeys(env.GATEWAY_SERVICE_KEYS),
  openapiDir: env.GATEWAY_OPENAPI_DIR ?? defaultOpenApiDir(),
  upstreamTimeoutMs: env.GATEWAY_UPSTREAM_TIMEOUT_MS ?? '10000',
  upstreams: Object.fromEntries(
    Object.entries(UPSTREAM_DEFAULTS).map(([app, url]) => [app, env[upstreamEnvName(app)] ?? url]),
  ),
}));
