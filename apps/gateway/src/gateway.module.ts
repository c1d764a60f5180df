import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PlatformModule } from '@app/platform';
import { PersistenceModule } from '@app/persistence';
import { AdminModule } from './admin/admin.module';
import { ContractsModule } from './contracts/contracts.module';
import { gatewayConfig } from './gateway.config';
import { IdentityModule } from './identity/identity.module';
import { gatewayPersistence } from './persistence';
import { DocsController } from './docs/docs.controller';
import { PortalController } from './portal/portal.controller';
import { PolicyModule } from './policy/policy.module';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'gateway', internalAuth: false }),
    ConfigModule.forFeature(gatewayConfig),
    PersistenceModule.forApp(gatewayPersistence),
    ContractsModule,
    PolicyModule,
    IdentityModule,
    AdminModule,
  ],
  controllers: [DocsController, PortalController],
})
export class GatewayModule {}
