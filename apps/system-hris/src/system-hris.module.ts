import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { ChangesModule } from './changes/changes.module';
import { systemHrisPersistence } from './persistence';
import { RolesModule } from './roles/roles.module';
import { WorkersModule } from './workers/workers.module';

export const SYSTEM_HRIS_APP_NAME = 'system-hris';

/** Root module of system-hris: the HRIS system API (canonical workers, role mappings) and its change feed. */
@Module({
  imports: [
    PlatformModule.forApp({ name: SYSTEM_HRIS_APP_NAME }),
    PersistenceModule.forApp(systemHrisPersistence),
    MessagingModule.forApp({ appName: SYSTEM_HRIS_APP_NAME, schema: systemHrisPersistence.schema }),
    WorkersModule,
    RolesModule,
    ChangesModule,
  ],
})
export class SystemHrisModule {}
