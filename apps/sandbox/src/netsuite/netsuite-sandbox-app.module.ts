import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { netsuitePersistence } from './netsuite.persistence';
import { NetSuiteSandboxModule } from './netsuite-sandbox.module';

export const NETSUITE_SANDBOX_APP_NAME = 'sandbox-netsuite';

/** Root module of the NetSuite sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: NETSUITE_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...netsuitePersistence, poolSize: 3 }),
    NetSuiteSandboxModule,
  ],
})
export class NetSuiteSandboxAppModule {}
