import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CRM_ADAPTER } from '../crm-adapter';
import { SalesforceClient } from './salesforce-client';
import { SalesforceCrmAdapter } from './salesforce-crm.adapter';
import { salesforceConfig } from './salesforce.config';

/** Provides CRM_ADAPTER backed by Salesforce. */
@Module({
  imports: [ConfigModule.forFeature(salesforceConfig)],
  providers: [SalesforceClient, SalesforceCrmAdapter, { provide: CRM_ADAPTER, useExisting: SalesforceCrmAdapter }],
  exports: [CRM_ADAPTER, SalesforceClient],
})
export class SalesforceAdapterModule {}
