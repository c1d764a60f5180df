import { Module } from '@nestjs/common';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { CrmInvoicesController } from './invoices.controller';
import { CrmInvoicesService } from './invoices.service';

/** `/system/crm/v1/invoices`: each canonical invoice's record on the CRM and its payment state. */
@Module({
  imports: [SalesforceAdapterModule],
  controllers: [CrmInvoicesController],
  providers: [CrmInvoicesService],
})
export class CrmInvoicesModule {}
