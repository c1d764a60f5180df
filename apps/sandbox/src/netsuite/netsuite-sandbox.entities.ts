import { NetSuiteTokenEntity } from './auth/entities/netsuite-token.entity';
import { NetSuiteCounterEntity } from './records/entities/netsuite-counter.entity';
import { NetSuiteRecordEntity } from './records/entities/netsuite-record.entity';

/** Every table of the `sandbox_netsuite` schema. */
export const netsuiteSandboxEntities = [NetSuiteTokenEntity, NetSuiteRecordEntity, NetSuiteCounterEntity];
