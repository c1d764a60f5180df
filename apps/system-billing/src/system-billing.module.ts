import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/** Stripe Billing. Its API arrives with the vendor issue. */
@Module({ imports: [PlatformModule.forApp({ name: 'system-billing' })] })
export class SystemBillingModule {}
