// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SystemErpInitial1795311934307 } from './1795311934307-SystemErpInitial';
import { CrossReferenceAttributesNoDefault1795313491480 } from './1795313491480-CrossReferenceAttributesNoDefault';
import { InvoiceChangeFeed1795313617084 } from './1795313617084-InvoiceChangeFeed';
import { ErpMappingsTaxTracesSubscriptions1795317934687 } from './1795317934687-ErpMappingsTaxTracesSubscriptions';

export const systemErpMigrations: Array<new () => MigrationInterface> = [
  SystemErpInitial1795311934307,
  CrossReferenceAttributesNoDefault1795313491480,
  InvoiceChangeFeed1795313617084,
  ErpMappingsTaxTracesSubscriptions1795317934687,
];
