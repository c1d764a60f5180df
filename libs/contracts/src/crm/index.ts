export * from './account.dto';
export * from './opportunity.dto';
export * from './opportunity-events';
