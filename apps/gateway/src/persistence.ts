import type { AppPersistence } from '@app/persistence';
import { ApiKeyEntity } from './identity/api-key.entity';
import { ConsumerEntity } from './identity/consumer.entity';
import { OAuthClientEntity } from './identity/oauth-client.entity';
import { SigningKeyEntity } from './identity/signing-key.entity';
import { migrations } from './migrations';
import { POLICY_ENTITIES } from './policy/entities';

export const gatewayPersistence: AppPersistence = {
  schema: 'gateway',
  entities: [ConsumerEntity, ApiKeyEntity, OAuthClientEntity, SigningKeyEntity, ...POLICY_ENTITIES],
  migrations,
};
