// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { KantataSandboxInitial1795311369629 } from './1795311369629-KantataSandboxInitial';

export const kantataSandboxMigrations: Array<new () => MigrationInterface> = [KantataSandboxInitial1795311369629];
