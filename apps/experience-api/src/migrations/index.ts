// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { Initial1795309600517 } from './1795309600517-Initial';

export const experienceMigrations: Array<new () => MigrationInterface> = [Initial1795309600517];
