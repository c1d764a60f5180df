import type { AppPersistence } from '@app/persistence';
import type { AppDefinition } from '@app/platform';
import { experienceApiApp } from '../../apps/experience-api/src/app.definition';
import { experienceApiPersistence } from '../../apps/experience-api/src/persistence';
import { gatewayApp } from '../../apps/gateway/src/app.definition';
import { gatewayPersistence } from '../../apps/gateway/src/persistence';
import { systemBillingApp } from '../../apps/system-billing/src/app.definition';
import { systemErpApp } from '../../apps/system-erp/src/app.definition';
import { systemHrisApp } from '../../apps/system-hris/src/app.definition';
import { systemPsaApp } from '../../apps/system-psa/src/app.definition';

/**
 * Every app of the product, in start order: the vendor sandboxes first (each vendor is its own app on its
 * own port), then the system APIs, the process API, the experience API and the gateway last, so each app
 * finds the URLs of the apps it calls already published in its environment.
 * Add an app here when it exports its definition from apps/<app>/src/app.definition.ts.
 */
export const appDefinitions: AppDefinition[] = [
  // system APIs
  systemPsaApp,
  systemErpApp,
  systemBillingApp,
  systemHrisApp,
  // experience
  experienceApiApp,
  // the public edge, last
  gatewayApp,
];

/** What one app folder keeps in PostgreSQL (apps/<folder>/src/persistence.ts). */
export interface AppPersistenceEntry {
  /** Folder under apps/: its migrations live in apps/<folder>/src/migrations/. */
  folder: string;
  persistence: AppPersistence;
}

/**
 * Every app folder that owns a schema, for the migration tools (several sandbox apps share the one
 * `sandbox` schema of apps/sandbox).
 */
export const appPersistence: AppPersistenceEntry[] = [
  { folder: 'experience-api', persistence: experienceApiPersistence },
  { folder: 'gateway', persistence: gatewayPersistence },
];

/**
 * Besides `<APP_NAME>_URL`, the environment variables under which the launcher publishes an app's real
 * URL, e.g. a sandbox's URL as the vendor URL the system API calls.
 */
export const publishedUrlEnv: Record<string, string[]> = {};

/** `SYSTEM_CRM_URL` for `system-crm`. */
export function urlEnvName(appName: string): string {
  return `${appName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
}
