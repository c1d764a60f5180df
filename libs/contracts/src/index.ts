export * from './common';
export * from './commercial';
export * from './crm';
export * from './delivery';
export * from './events';
export * from './finance';
export * from './people';
