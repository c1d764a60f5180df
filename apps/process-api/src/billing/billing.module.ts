import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AmendmentsModule } from '../project-setup/amendments';
import { BillingController } from './billing.controller';
import { billingConfig } from './billing.config';
import { BILLING_DIRECTORY, BILLING_RATES, BILLING_VENDORS } from './billing-ports';
import { ContractPricingRates } from './contract-pricing.rates';
import { GatewayBillingDirectory, GatewayBillingVendors } from './gateway-billing-directory';
import { BillableIntakeConsumer } from './intake/billable-intake.consumer';
import { BillableIntakeService } from './intake/billable-intake.service';
import { InvoiceLineageService } from './lineage/invoice-lineage.service';
import { BillingEnricher } from './runs/billing-enricher';
import { BillingRunWorker } from './runs/billing-run.worker';
import { BillingRunsService } from './runs/billing-runs.service';

/**
 * Time to invoice: intake of approved work (billable items), enrichment and eligibility, billing runs with
 * four-eyes approval, the vendor steps, and lineage. Money follows docs/decisions/0004-money-rule.md.
 */
@Module({
  imports: [ConfigModule.forFeature(billingConfig), AmendmentsModule],
  controllers: [BillingController],
  providers: [
    { provide: BILLING_DIRECTORY, useClass: GatewayBillingDirectory },
    { provide: BILLING_VENDORS, useClass: GatewayBillingVendors },
    { provide: BILLING_RATES, useClass: ContractPricingRates },
    BillableIntakeService,
    BillableIntakeConsumer,
    BillingEnricher,
    BillingRunsService,
    BillingRunWorker,
    InvoiceLineageService,
  ],
  exports: [BillableIntakeConsumer],
})
export class BillingModule {}
