import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { salesforceSandboxPersistence } from '../persistence';
import { SalesforceSandboxModule } from './salesforce-sandbox.module';

export const SALESFORCE_SANDBOX_APP_NAME = 'sandbox-salesforce';

/** Root module of the Salesforce sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: SALESFORCE_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...salesforceSandboxPersistence, poolSize: 3 }),
    SalesforceSandboxModule,
  ],
})
export class SalesforceSandboxAppModule {}
