// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemBillingInitial1795312267579 } from './1795312267579-SystemBillingInitial';

export const systemBillingMigrations: Array<new () => MigrationInterface> = [
  SystemBillingInitial1795312267579,
];
