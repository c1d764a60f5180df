export * from './account.dto';
export * from './account-list.dto';
export * from './opportunity.dto';
export * from './opportunity-events';
