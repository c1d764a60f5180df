/**
 * The Workday seed is the demo firm's workforce (src/common/demo-firm/workers.ts): 300 workers
 * W00001..W00300 by default, 2,000 at month-end scale. Kept under these names for existing callers.
 */
export {
  DEMO_JOB_PROFILES as SEED_JOB_PROFILES,
  DEMO_WORKER_COUNT as SEED_WORKER_COUNT,
  DEMO_WORKERS_UPDATED as SEED_LAST_UPDATED,
  generateWorkers as generateSeedWorkers,
} from '../../common/demo-firm/workers';
export type { DemoWorker as SeedWorker } from '../../common/demo-firm/workers';
