import type { AppPersistence } from '@app/persistence';
import { ApiKeyEntity } from './identity/api-key.entity';
import { ConsumerEntity } from './identity/consumer.entity';
import { migrations } from './migrations';

export const gatewayPersistence: AppPersistence = {
  schema: 'gateway',
  entities: [ConsumerEntity, ApiKeyEntity],
  migrations,
};
