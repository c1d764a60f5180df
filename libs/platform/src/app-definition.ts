import type { Type } from '@nestjs/common';
import type { ConfigFactory, ConfigFactoryKeyHost } from '@nestjs/config';

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
}

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
  /** The API products this app serves (empty for apps without a public contract yet). */
  apis: ApiProductDescriptor[];
  /**
   * Config namespaces (from `defineConfig`) to load and validate at boot, globally available by their KEY.
   * Feature modules may instead import `ConfigModule.forFeature(cfg)` themselves.
   */
  config?: Array<ConfigFactory & ConfigFactoryKeyHost>;
}

/** `/system/crm/v1` for a descriptor. */
export function apiBasePath(api: Pick<ApiProductDescriptor, 'layer' | 'product' | 'version'>): string {
  return `/${api.layer}/${api.product}/v${api.version}`;
}
