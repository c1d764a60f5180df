// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { BusinessCentralSandboxInitial1795312464165 } from './1795312464165-BusinessCentralSandboxInitial';

export const businessCentralSandboxMigrations: Array<new () => MigrationInterface> = [
  BusinessCentralSandboxInitial1795312464165,
];
