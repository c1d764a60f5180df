export * from './app-definition';
