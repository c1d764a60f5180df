// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemPsaInitial1795312032220 } from './1795312032220-SystemPsaInitial';

export const systemPsaMigrations: Array<new () => MigrationInterface> = [SystemPsaInitial1795312032220];
