import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CrossReferenceStore } from '../cross-references/cross-reference.store';
import { CrossReferenceEntity } from '../cross-references/entities/cross-reference.entity';
import { erpConfig, ErpSettings } from '../erp.config';
import { MappingsModule } from '../mappings/mappings.module';
import { businessCentralConfig } from './business-central/business-central.config';
import { BusinessCentralErpAdapter } from './business-central/business-central-erp.adapter';
import { ERP_ADAPTER, ErpAdapter } from './erp-adapter';
import { netsuiteConfig } from './netsuite/netsuite.config';
import { NetSuiteErpAdapter } from './netsuite/netsuite-erp.adapter';

/** The adapter class of each ERP_VENDOR value: a new ERP is a new folder and one line here. */
const ADAPTERS = {
  netsuite: NetSuiteErpAdapter,
  'business-central': BusinessCentralErpAdapter,
} satisfies Record<ErpSettings['vendor'], new (...args: never[]) => ErpAdapter>;

/**
 * Provides ERP_ADAPTER: only the configured vendor's adapter is instantiated (so only its HTTP
 * client, breaker and health entry exist).
 */
@Module({
  imports: [
    ConfigModule.forFeature(erpConfig),
    ConfigModule.forFeature(netsuiteConfig),
    ConfigModule.forFeature(businessCentralConfig),
    TypeOrmModule.forFeature([CrossReferenceEntity]),
    MappingsModule,
  ],
  providers: [
    CrossReferenceStore,
    {
      provide: ERP_ADAPTER,
      inject: [erpConfig.KEY, ModuleRef],
      useFactory: (config: ErpSettings, moduleRef: ModuleRef): Promise<ErpAdapter> =>
        moduleRef.create<ErpAdapter>(ADAPTERS[config.vendor]),
    },
  ],
  exports: [ERP_ADAPTER, CrossReferenceStore],
})
export class ErpAdapterModule {}
