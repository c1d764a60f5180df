import { OAuthTokenEntity } from './auth/entities/oauth-token.entity';
import { ApiUsageEntity } from './limits/entities/api-usage.entity';
import { QueryCursorEntity } from './query/entities/query-cursor.entity';
import { IdCounterEntity } from './sobjects/entities/id-counter.entity';
import { SObjectRecordEntity } from './sobjects/entities/sobject-record.entity';

/** Every table of the `sandbox_salesforce` schema. */
export const salesforceSandboxEntities = [
  OAuthTokenEntity,
  SObjectRecordEntity,
  IdCounterEntity,
  QueryCursorEntity,
  ApiUsageEntity,
];
