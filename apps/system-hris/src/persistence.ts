import { messagingEntities } from '@app/messaging';
import type { AppPersistence } from '@app/persistence';
import { PollCursorEntity } from './changes/entities/poll-cursor.entity';
import { WorkerSnapshotEntity } from './changes/entities/worker-snapshot.entity';
import { systemHrisMigrations } from './migrations';
import { JobProfileRoleEntity } from './roles/entities/job-profile-role.entity';

/** PostgreSQL of system-hris: job profile mappings, change-feed cursor, worker snapshots, messaging tables. */
export const systemHrisPersistence = {
  schema: 'system_hris',
  entities: [JobProfileRoleEntity, PollCursorEntity, WorkerSnapshotEntity, ...messagingEntities],
  migrations: systemHrisMigrations,
} satisfies AppPersistence;
