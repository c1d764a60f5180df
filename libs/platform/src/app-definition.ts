import type { Type } from '@nestjs/common';

/** Lifecycle of one major version of an API product, published as `info.x-lifecycle`. */
export type ApiLifecycle = 'draft' | 'active' | 'deprecated' | 'retired';

/**
 * One API product version an app serves, e.g. `/system/crm/v1`.
 * Its OpenAPI document is written to `openapi/<layer>.<product>.v<version>.json`.
 */
export interface ApiProductDescriptor {
  layer: 'system' | 'process' | 'experience' | 'gateway';
  product: string;
  version: number;
  title: string;
  description: string;
  lifecycle: ApiLifecycle;
  /** ISO date, only for deprecated versions. */
  sunset?: string;
  /** ISO date since when a deprecated version is deprecated (the gateway's `Deprecation` header). */
  deprecatedAt?: string;
}

/** A config namespace as `defineConfig` (or @nestjs/config `registerAs`) returns it. */
export type ConfigNamespace = (() => unknown) & { KEY: string | symbol };

/** Everything the launcher, the standalone main.ts and the tooling need to know about one app. */
export interface AppDefinition {
  /** kebab-case app name, also its folder under apps/. */
  name: string;
  /** The app's root Nest module. */
  module: Type<unknown>;
  /** Environment variable holding the port, e.g. SYSTEM_CRM_PORT. */
  portEnv: string;
  defaultPort: number;
  /** PostgreSQL schema owned by this app (one schema per app). */
  schema?: string;
  /**
   * The event consumer groups this app runs (group and event types). The launcher registers them on the
   * bus before any app starts, so an event published before the consumer's first start is kept for it.
   */
  subscriptions?: ReadonlyArray<{ group: string; types: readonly string[] }>;
  /** The API products this app serves (empty for apps without a public contract yet). */
  apis: ApiProductDescriptor[];
  /**
   * Config namespaces (from `defineConfig`) that bootstrapApp validates before creating the app (so a bad
   * variable stops it before anything connects) and provides globally by their KEY. Modules may also
   * import `ConfigModule.forFeature(cfg)` themselves (needed when the module is built with Test.createTestingModule).
   */
  config?: ConfigNamespace[];
  /**
   * false: when the app has its process to itself (runStandalone, the launcher's processes mode), the
   * process keeps no async context (see AsyncContext): the app carries the correlation on the request
   * and passes it on explicitly. Default true.
   */
  asyncContext?: boolean;
}

/** `/system/crm/v1` for a descriptor. */
export function apiBasePath(api: Pick<ApiProductDescriptor, 'layer' | 'product' | 'version'>): string {
  return `/${api.layer}/${api.product}/v${api.version}`;
}
