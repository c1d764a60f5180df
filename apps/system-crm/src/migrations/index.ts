// Every migration of system-crm, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemCrmInitial1795309304331 } from './1795309304331-SystemCrmInitial';

export const systemCrmMigrations: Array<new () => MigrationInterface> = [SystemCrmInitial1795309304331];
