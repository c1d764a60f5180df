export * from './system-api.client';
export * from './system-api.errors';
export * from './system-apis';
export * from './system-apis.config';
export * from './system-apis.module';
