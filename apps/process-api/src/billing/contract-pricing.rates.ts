import { Injectable } from '@nestjs/common';
import type { BillingRates, ContractRate } from './billing-ports';

/**
 * BillingRates over project-setup's ContractPricing (the rate-card version effective on the work date,
 * amendments included). Billing has no rate lookup of its own.
 */
@Injectable()
export class ContractPricingRates implements BillingRates {
  // Placeholder until ContractPricing is committed: nothing prices, every time item is held (missing rate).
  rateOn(_projectId: string, _role: string, _workDate: string): Promise<ContractRate | null> {
    return Promise.resolve(null);
  }
}
