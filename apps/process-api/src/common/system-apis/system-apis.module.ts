import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { systemApisConfig } from './system-apis.config';
import {
  SystemBillingClient,
  SystemCrmClient,
  SystemErpClient,
  SystemHrisClient,
  SystemPsaClient,
} from './system-apis';

const clients = [SystemCrmClient, SystemErpClient, SystemPsaClient, SystemBillingClient, SystemHrisClient];

/** The typed system API clients (through the gateway), available to every process-api module. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(systemApisConfig)],
  providers: clients,
  exports: clients,
})
export class SystemApisModule {}
