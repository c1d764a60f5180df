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
import { ERP_INVOICE_FINDER, ErpInvoiceFinder } from '../invoices/invoice-finder';
import { BusinessCentralInvoiceFinder } from './business-central/business-central-invoice-finder';
import { ERP_ADAPTER, ErpAdapter } from './erp-adapter';
import { netsuiteConfig } from './netsuite/netsuite.config';
import { NetSuiteErpAdapter } from './netsuite/netsuite-erp.adapter';
import { NetSuiteInvoiceFinder } from './netsuite/netsuite-invoice-finder';

/** The adapter class of each ERP_VENDOR value: a new ERP is a new folder and one line here. */
const ADAPTERS = {
  netsuite: NetSuiteErpAdapter,
  'business-central': BusinessCentralErpAdapter,
} satisfies Record<ErpSettings['vendor'], new (...args: never[]) => ErpAdapter>;

/** The invoice finder of each ERP_VENDOR value. */
const INVOICE_FINDERS = {
  netsuite: NetSuiteInvoiceFinder,
  'business-central': BusinessCentralInvoiceFinder,
} satisfies Record<ErpSettings['vendor'], new (...args: never[]) => ErpInvoiceFinder>;

/**
 * Provides ERP_ADAPTER and ERP_INVOICE_FINDER: only the configured vendor's are instantiated (so
 * only its HTTP client, breaker and health entry exist).
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
    {
      provide: ERP_INVOICE_FINDER,
      inject: [erpConfig.KEY, ModuleRef],
      useFactory: (config: ErpSettings, moduleRef: ModuleRef): Promise<ErpInvoiceFinder> =>
        moduleRef.create<ErpInvoiceFinder>(INVOICE_FINDERS[config.vendor]),
    },
  ],
  exports: [ERP_ADAPTER, ERP_INVOICE_FINDER, CrossReferenceStore],
})
export class ErpAdapterModule {}
