import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { businessCentralPersistence } from './business-central.persistence';
import { BusinessCentralSandboxModule } from './business-central-sandbox.module';

export const BUSINESS_CENTRAL_SANDBOX_APP_NAME = 'sandbox-business-central';

/** Root module of the Business Central sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: BUSINESS_CENTRAL_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...businessCentralPersistence, poolSize: 3 }),
    BusinessCentralSandboxModule,
  ],
})
export class BusinessCentralSandboxAppModule {}
