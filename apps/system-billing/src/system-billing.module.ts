import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { BillingModule } from './billing.module';
import { systemBillingPersistence } from './persistence';

export const SYSTEM_BILLING_APP_NAME = 'system-billing';

/** Root module of system-billing: the billing system API in front of Stripe Billing. */
@Module({
  imports: [
    PlatformModule.forApp({ name: SYSTEM_BILLING_APP_NAME }),
    PersistenceModule.forApp(systemBillingPersistence),
    MessagingModule.forApp({ appName: SYSTEM_BILLING_APP_NAME, schema: systemBillingPersistence.schema }),
    BillingModule,
  ],
})
export class SystemBillingModule {}
