// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemCrmInitial1795309304331 } from './1795309304331-SystemCrmInitial';
import { CrmCrossReferencesAccountSnapshots1795318433476 } from './1795318433476-CrmCrossReferencesAccountSnapshots';

export const systemCrmMigrations: Array<new () => MigrationInterface> = [
  SystemCrmInitial1795309304331,
  CrmCrossReferencesAccountSnapshots1795318433476,
];
