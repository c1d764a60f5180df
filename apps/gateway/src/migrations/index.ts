// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { Initial1795309600604 } from './1795309600604-Initial';
import { Identity1795318023049 } from './1795318023049-Identity';
import { Policy1795318397174 } from './1795318397174-Policy';

export const migrations: Array<new () => MigrationInterface> = [
  Initial1795309600604,
  Identity1795318023049,
  Policy1795318397174,
];
