import type { AppPersistence } from '@app/persistence';
import type { AppDefinition } from '@app/platform';
import { experienceApiApp } from '../../apps/experience-api/src/app.definition';
import { experienceApiPersistence } from '../../apps/experience-api/src/persistence';
import { gatewayApp } from '../../apps/gateway/src/app.definition';
import { gatewayPersistence } from '../../apps/gateway/src/persistence';
import { processApiApp } from '../../apps/process-api/src/app.definition';
import { processApiPersistence } from '../../apps/process-api/src/persistence';
import {
  kantataSandboxApp,
  salesforceSandboxApp,
  sandboxApps,
  workdaySandboxApp,
} from '../../apps/sandbox/src/app.definition';
import {
  kantataSandboxPersistence,
  salesforceSandboxPersistence,
  workdaySandboxPersistence,
} from '../../apps/sandbox/src/persistence';
import { netsuiteSandboxApp } from '../../apps/sandbox/src/netsuite/netsuite-sandbox.app';
import { netsuitePersistence } from '../../apps/sandbox/src/netsuite/netsuite.persistence';
import { businessCentralSandboxApp } from '../../apps/sandbox/src/business-central/business-central-sandbox.app';
import { businessCentralPersistence } from '../../apps/sandbox/src/business-central/business-central.persistence';
import { stripeSandboxApp } from '../../apps/sandbox/src/stripe/stripe-sandbox.app';
import { stripeSandboxPersistence } from '../../apps/sandbox/src/stripe/stripe-sandbox.persistence';
import { systemBillingApp } from '../../apps/system-billing/src/app.definition';
import { systemBillingPersistence } from '../../apps/system-billing/src/persistence';
import { systemCrmApp } from '../../apps/system-crm/src/app.definition';
import { systemCrmPersistence } from '../../apps/system-crm/src/persistence';
import { systemErpApp } from '../../apps/system-erp/src/app.definition';
import { systemErpPersistence } from '../../apps/system-erp/src/persistence';
import { systemHrisApp } from '../../apps/system-hris/src/app.definition';
import { systemHrisPersistence } from '../../apps/system-hris/src/persistence';
import { systemPsaApp } from '../../apps/system-psa/src/app.definition';
import { systemPsaPersistence } from '../../apps/system-psa/src/persistence';

/**
 * Every app of the product, in start order: the vendor sandboxes first (each vendor is its own app on its
 * own port), then the system APIs, the process API, the experience API and the gateway last, so each app
 * finds the URLs of the apps it calls already published in its environment.
 * Add an app here when it exports its definition from apps/<app>/src/app.definition.ts.
 */
export const appDefinitions: AppDefinition[] = [
  // vendor sandboxes
  ...sandboxApps,
  // system APIs
  systemCrmApp,
  systemPsaApp,
  systemErpApp,
  systemBillingApp,
  systemHrisApp,
  // process and experience layers
  processApiApp,
  experienceApiApp,
  // the public edge, last
  gatewayApp,
];

/** What one app keeps in PostgreSQL, for the migration tools. */
export interface AppPersistenceEntry {
  /** The app's name (several sandbox apps live in apps/sandbox, each with its own schema). */
  name: string;
  persistence: AppPersistence;
  /** Where its migration files live, relative to the repository root (usually apps/<app>/src/migrations). */
  migrationsDir: string;
}

/** Every app that owns a schema (apps/<app>/src/persistence.ts). */
export const appPersistence: AppPersistenceEntry[] = [
  {
    name: salesforceSandboxApp.name,
    persistence: salesforceSandboxPersistence,
    migrationsDir: 'apps/sandbox/src/migrations/salesforce',
  },
  {
    name: kantataSandboxApp.name,
    persistence: kantataSandboxPersistence,
    migrationsDir: 'apps/sandbox/src/migrations/kantata',
  },
  {
    name: workdaySandboxApp.name,
    persistence: workdaySandboxPersistence,
    migrationsDir: 'apps/sandbox/src/migrations/workday',
  },
  {
    name: netsuiteSandboxApp.name,
    persistence: netsuitePersistence,
    migrationsDir: 'apps/sandbox/src/migrations/netsuite',
  },
  {
    name: businessCentralSandboxApp.name,
    persistence: businessCentralPersistence,
    migrationsDir: 'apps/sandbox/src/migrations/business-central',
  },
  {
    name: stripeSandboxApp.name,
    persistence: stripeSandboxPersistence,
    migrationsDir: 'apps/sandbox/src/migrations/stripe',
  },
  { name: systemCrmApp.name, persistence: systemCrmPersistence, migrationsDir: 'apps/system-crm/src/migrations' },
  { name: systemPsaApp.name, persistence: systemPsaPersistence, migrationsDir: 'apps/system-psa/src/migrations' },
  { name: systemHrisApp.name, persistence: systemHrisPersistence, migrationsDir: 'apps/system-hris/src/migrations' },
  { name: systemErpApp.name, persistence: systemErpPersistence, migrationsDir: 'apps/system-erp/src/migrations' },
  {
    name: systemBillingApp.name,
    persistence: systemBillingPersistence,
    migrationsDir: 'apps/system-billing/src/migrations',
  },
  { name: processApiApp.name, persistence: processApiPersistence, migrationsDir: 'apps/process-api/src/migrations' },
  {
    name: experienceApiApp.name,
    persistence: experienceApiPersistence,
    migrationsDir: 'apps/experience-api/src/migrations',
  },
  { name: gatewayApp.name, persistence: gatewayPersistence, migrationsDir: 'apps/gateway/src/migrations' },
];

/**
 * Besides `<APP_NAME>_URL`, the environment variables under which the launcher publishes an app's real
 * URL: a sandbox's URL is the vendor URL its system API calls. `NAME=/path` publishes the URL of a path
 * on the app (a webhook target). Every URL is published before the first app starts.
 */
export const publishedUrlEnv: Record<string, string[]> = {
  [salesforceSandboxApp.name]: ['SALESFORCE_LOGIN_URL'],
  [stripeSandboxApp.name]: ['STRIPE_API_URL'],
  [kantataSandboxApp.name]: ['KANTATA_API_URL'],
  [netsuiteSandboxApp.name]: ['NETSUITE_API_URL'],
  [businessCentralSandboxApp.name]: ['BUSINESS_CENTRAL_API_URL', 'BUSINESS_CENTRAL_AUTH_URL'],
  [workdaySandboxApp.name]: ['WORKDAY_API_URL'],
  // Stripe delivers its webhooks to system-billing (same signing secret on both sides: whsec_sandbox).
  [systemBillingApp.name]: ['SANDBOX_STRIPE_WEBHOOK_URL=/system/billing/v1/webhooks/stripe'],
  // Business Central notifies system-erp (its subscriptions' notificationUrl; used when ERP_VENDOR=business-central).
  [systemErpApp.name]: ['BUSINESS_CENTRAL_NOTIFICATION_URL=/system/erp/v1/webhooks/business-central'],
  // The apps behind the gateway verify its internal tokens against the keys it publishes.
  [gatewayApp.name]: ['GATEWAY_JWKS_URL=/.well-known/jwks.json'],
};

/** `SYSTEM_CRM_URL` for `system-crm`. */
export function urlEnvName(appName: string): string {
  return `${appName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
}
