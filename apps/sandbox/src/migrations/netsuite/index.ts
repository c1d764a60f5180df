// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { NetSuiteSandboxInitial1795311444548 } from './1795311444548-NetSuiteSandboxInitial';

export const netsuiteSandboxMigrations: Array<new () => MigrationInterface> = [NetSuiteSandboxInitial1795311444548];
