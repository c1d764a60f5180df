// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { InitialProcessSchema1795309122488 } from './1795309122488-InitialProcessSchema';

export const migrations: Array<new () => MigrationInterface> = [InitialProcessSchema1795309122488];
