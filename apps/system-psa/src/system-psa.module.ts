import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { PsaChangesModule } from './changes/changes.module';
import { systemPsaPersistence } from './persistence';
import { PsaApiModule } from './psa-api.module';

export const SYSTEM_PSA_APP_NAME = 'system-psa';

/** Root module of system-psa: the PSA system API (Kantata OX) and its change feeds. */
@Module({
  imports: [
    PlatformModule.forApp({ name: SYSTEM_PSA_APP_NAME }),
    PersistenceModule.forApp(systemPsaPersistence),
    MessagingModule.forApp({ appName: SYSTEM_PSA_APP_NAME, schema: systemPsaPersistence.schema }),
    PsaApiModule,
    PsaChangesModule,
  ],
})
export class SystemPsaModule {}
