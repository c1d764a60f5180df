import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { OpportunitySnapshotEntity } from './changes/entities/opportunity-snapshot.entity';
import { PollCursorEntity } from './changes/entities/poll-cursor.entity';
import { systemCrmMigrations } from './migrations';

/** PostgreSQL of system-crm: change-feed cursor, opportunity snapshots, and the messaging tables. */
export const systemCrmPersistence = {
  schema: 'system_crm',
  entities: [PollCursorEntity, OpportunitySnapshotEntity, ...messagingEntities],
  migrations: systemCrmMigrations,
} satisfies AppPersistence;
