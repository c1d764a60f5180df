export * from './worker.dto';
export * from './worker-list.dto';
