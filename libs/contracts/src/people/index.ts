export * from './worker.dto';
