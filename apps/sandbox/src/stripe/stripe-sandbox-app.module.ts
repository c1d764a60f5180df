import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { stripeSandboxPersistence } from './stripe-sandbox.persistence';
import { StripeSandboxModule } from './stripe-sandbox.module';

export const STRIPE_SANDBOX_APP_NAME = 'sandbox-stripe';

/** Root module of the Stripe Billing sandbox app (platform, its own schema, the emulator). */
@Module({
  imports: [
    PlatformModule.forApp({ name: STRIPE_SANDBOX_APP_NAME, internalAuth: false }),
    PersistenceModule.forApp({ ...stripeSandboxPersistence, poolSize: 3 }),
    StripeSandboxModule,
  ],
})
export class StripeSandboxAppModule {}
