// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemErpInitial1795311934307 } from './1795311934307-SystemErpInitial';

export const systemErpMigrations: Array<new () => MigrationInterface> = [SystemErpInitial1795311934307];
