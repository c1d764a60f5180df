export * from './customer-events.dto';
export * from './delivery-events.dto';
export * from './event-payloads';
export * from './event-types';
export * from './invoice-events.dto';
export * from './people-events.dto';
