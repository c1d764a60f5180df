import { BcTokenEntity } from './auth/entities/bc-token.entity';
import { BcCompanyEntity } from './entities/entities/bc-company.entity';
import { BcNumberSeriesEntity } from './entities/entities/bc-number-series.entity';
import { BcRecordEntity } from './entities/entities/bc-record.entity';
import { BcSubscriptionEntity } from './subscriptions/entities/bc-subscription.entity';

/** Every table of the `sandbox_business_central` schema. */
export const businessCentralSandboxEntities = [
  BcTokenEntity,
  BcCompanyEntity,
  BcRecordEntity,
  BcNumberSeriesEntity,
  BcSubscriptionEntity,
];
