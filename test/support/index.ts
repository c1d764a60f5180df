export { createTestDatabase, testServerUrl } from './test-database';
export type { TestDatabase } from './test-database';
export { startTestStack } from './test-stack';
export type { TestStack, TestStackOptions } from './test-stack';
export { jsonRequest } from './http';
export type { HttpResult } from './http';
