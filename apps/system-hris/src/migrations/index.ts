// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemHrisInitial1795311614380 } from './1795311614380-SystemHrisInitial';
import { SeedDemoFirmJobProfileRoles1795311614381 } from './1795311614381-SeedDemoFirmJobProfileRoles';

export const systemHrisMigrations: Array<new () => MigrationInterface> = [
  SystemHrisInitial1795311614380,
  SeedDemoFirmJobProfileRoles1795311614381,
];
