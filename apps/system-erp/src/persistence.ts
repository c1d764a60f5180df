import type { AppPersistence } from '@app/persistence';
import { CrossReferenceEntity } from './cross-references/entities/cross-reference.entity';
import { ItemMappingEntity } from './mappings/entities/item-mapping.entity';
import { LegalEntityMappingEntity } from './mappings/entities/legal-entity-mapping.entity';
import { systemErpMigrations } from './migrations';

/** PostgreSQL of system-erp: cross-references and the firm's mapping tables. */
export const systemErpPersistence = {
  schema: 'system_erp',
  entities: [CrossReferenceEntity, LegalEntityMappingEntity, ItemMappingEntity],
  migrations: systemErpMigrations,
} satisfies AppPersistence;
