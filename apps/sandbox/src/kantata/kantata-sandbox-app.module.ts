import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { kantataSandboxPersistence } from './kantata-sandbox.persistence';
import { KantataSandboxModule } from './kantata-sandbox.module';

export const KANTATA_SANDBOX_APP_NAME = 'sandbox-kantata';

/** Root module of the Kantata sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: KANTATA_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...kantataSandboxPersistence, poolSize: 3 }),
    KantataSandboxModule,
  ],
})
export class KantataSandboxAppModule {}
