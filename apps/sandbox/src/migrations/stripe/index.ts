// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { StripeSandboxInitial1795311607967 } from './1795311607967-StripeSandboxInitial';

export const stripeSandboxMigrations: Array<new () => MigrationInterface> = [StripeSandboxInitial1795311607967];
