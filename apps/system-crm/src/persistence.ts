import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { AccountSnapshotEntity } from './changes/entities/account-snapshot.entity';
import { OpportunitySnapshotEntity } from './changes/entities/opportunity-snapshot.entity';
import { PollCursorEntity } from './changes/entities/poll-cursor.entity';
import { CrossReferenceEntity } from './cross-references/entities/cross-reference.entity';
import { systemCrmMigrations } from './migrations';

/** PostgreSQL of system-crm: change-feed cursors and snapshots, cross-references, and the messaging tables. */
export const systemCrmPersistence = {
  schema: 'system_crm',
  entities: [
    PollCursorEntity,
    OpportunitySnapshotEntity,
    AccountSnapshotEntity,
    CrossReferenceEntity,
    ...messagingEntities,
  ],
  migrations: systemCrmMigrations,
} satisfies AppPersistence;
