export * from './contract.dto';
export * from './customer.dto';
export * from './rate-card.dto';
export * from './rate-cards';
