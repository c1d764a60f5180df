import { Injectable } from '@nestjs/common';
import { ContractPricing } from '../project-setup/amendments';
import type { BillingRates, ContractRate } from './billing-ports';

/**
 * BillingRates over project-setup's ContractPricing: the rate-card version in force on the work date,
 * amendments included (our rate card, never the rate the PSA shows). Billing has no rate lookup of its own.
 */
@Injectable()
export class ContractPricingRates implements BillingRates {
  constructor(private readonly pricing: ContractPricing) {}

  async rateOn(projectId: string, role: string, workDate: string): Promise<ContractRate | null> {
    const rate = await this.pricing.rateOn(projectId, role, workDate);
    if (!rate) return null;
    return {
      hourlyRate: { amountMinor: rate.hourlyRate.amountMinor, currency: rate.hourlyRate.currency },
      rateCardId: rate.rateCardId,
      rateCardVersion: rate.rateCardVersion,
      amendmentId: rate.amendmentId,
    };
  }
}
