import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CRM_ADAPTER } from '../crm-adapter';
import { CRM_INVOICE_ADAPTER } from '../crm-invoice-adapter';
import { SalesforceClient } from './salesforce-client';
import { SalesforceCrmAdapter } from './salesforce-crm.adapter';
import { SalesforceInvoiceAdapter } from './salesforce-invoice.adapter';
import { salesforceConfig } from './salesforce.config';

/** Provides CRM_ADAPTER and CRM_INVOICE_ADAPTER backed by Salesforce. */
@Module({
  imports: [ConfigModule.forFeature(salesforceConfig)],
  providers: [
    SalesforceClient,
    SalesforceCrmAdapter,
    { provide: CRM_ADAPTER, useExisting: SalesforceCrmAdapter },
    SalesforceInvoiceAdapter,
    { provide: CRM_INVOICE_ADAPTER, useExisting: SalesforceInvoiceAdapter },
  ],
  exports: [CRM_ADAPTER, CRM_INVOICE_ADAPTER, SalesforceClient],
})
export class SalesforceAdapterModule {}
