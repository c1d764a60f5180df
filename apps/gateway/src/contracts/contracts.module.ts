import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { gatewayConfig } from '../gateway.config';
import { ContractRegistry } from './contract-registry.service';

/** The committed contracts, loaded once: route table, validators, published documents. */
@Module({
  imports: [ConfigModule.forFeature(gatewayConfig)],
  providers: [ContractRegistry],
  exports: [ContractRegistry],
})
export class ContractsModule {}
