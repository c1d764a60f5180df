import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { workdaySandboxPersistence } from './workday-sandbox.persistence';
import { WorkdaySandboxModule } from './workday-sandbox.module';

export const WORKDAY_SANDBOX_APP_NAME = 'sandbox-workday';

/** Root module of the Workday sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: WORKDAY_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...workdaySandboxPersistence, poolSize: 3 }),
    WorkdaySandboxModule,
  ],
})
export class WorkdaySandboxAppModule {}
