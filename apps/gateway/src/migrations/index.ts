// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { Initial1795309600604 } from './1795309600604-Initial';

export const migrations: Array<new () => MigrationInterface> = [Initial1795309600604];
