import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PlatformModule } from '@app/platform';
import { PersistenceModule } from '@app/persistence';
import { AdminModule } from './admin/admin.module';
import { ContractRegistry } from './contracts/contract-registry.service';
import { gatewayConfig } from './gateway.config';
import { IdentityModule } from './identity/identity.module';
import { gatewayPersistence } from './persistence';
import { DocsController } from './docs/docs.controller';
import { PortalController } from './portal/portal.controller';
import { ProxyController } from './proxy/proxy.controller';
import { ProxyService } from './proxy/proxy.service';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'gateway' }),
    ConfigModule.forFeature(gatewayConfig),
    PersistenceModule.forApp(gatewayPersistence),
    IdentityModule,
    AdminModule,
  ],
  controllers: [DocsController, PortalController, ProxyController],
  providers: [ContractRegistry, ProxyService],
})
export class GatewayModule {}
