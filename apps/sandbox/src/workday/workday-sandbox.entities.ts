import { WorkdayTokenEntity } from './auth/entities/workday-token.entity';
import { WorkdayWorkerEntity } from './workers/entities/workday-worker.entity';

/** Every table of the `sandbox_workday` schema. */
export const workdaySandboxEntities = [WorkdayTokenEntity, WorkdayWorkerEntity];
