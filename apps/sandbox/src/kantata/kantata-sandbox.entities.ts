import { KantataOAuthTokenEntity } from './auth/oauth-token.entity';
import { KantataIdCounterEntity, KantataRecordEntity } from './resources/record.entity';

/** Every table of the `sandbox_kantata` schema. */
export const kantataSandboxEntities = [KantataOAuthTokenEntity, KantataRecordEntity, KantataIdCounterEntity];
