import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { PsaChangeSnapshotEntity } from './changes/entities/change-snapshot.entity';
import { PsaPollCursorEntity } from './changes/entities/poll-cursor.entity';
import { CrossReferenceEntity } from './cross-references/cross-reference.entity';
import { systemPsaMigrations } from './migrations';

/** PostgreSQL of system-psa: change-feed cursors and snapshots, cross-references, the messaging tables. */
export const systemPsaPersistence = {
  schema: 'system_psa',
  entities: [PsaPollCursorEntity, PsaChangeSnapshotEntity, CrossReferenceEntity, ...messagingEntities],
  migrations: systemPsaMigrations,
} satisfies AppPersistence;
