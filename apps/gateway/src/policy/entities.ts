import { AuditRecordEntity } from './audit/audit-record.entity';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';
import { VersionLifecycleEntity } from './lifecycle/version-lifecycle.entity';

/** The policy chain's tables in the gateway schema (audit, idempotency, version lifecycle overrides). */
export const POLICY_ENTITIES = [AuditRecordEntity, IdempotencyRecordEntity, VersionLifecycleEntity];
