export * from './demo-firm';
export * from './legal-entities';
export { DEMO_JOB_PROFILES, DEMO_WORKER_COUNT, DEMO_WORKERS_UPDATED, generateWorkers } from './workers';
export type { DemoWorker, DemoWorkerStatus } from './workers';
export * from './seed-scale';
