import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/** NetSuite or Business Central (ERP), chosen by ERP_VENDOR. Its API arrives with the vendor issue. */
@Module({ imports: [PlatformModule.forApp({ name: 'system-erp' })] })
export class SystemErpModule {}
