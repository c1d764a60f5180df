// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { WorkdaySandboxInitial1795311228851 } from './1795311228851-WorkdaySandboxInitial';

export const workdaySandboxMigrations: Array<new () => MigrationInterface> = [WorkdaySandboxInitial1795311228851];
