export * from './account.dto';
export * from './account-list.dto';
export * from './crm-requests.dto';
export * from './opportunity.dto';
export * from './opportunity-line-item.dto';
export * from './opportunity-events';
