export { AmendmentsModule } from './amendments.module';
export { ContractPricing, ProjectPriceBook } from './contract-pricing.service';
export type { PricedRate } from './rate-versions';
export { ContractAmendmentEntity } from './contract-amendment.entity';
