import { WebhookDeliveryEntity } from './events/webhook-delivery.entity';
import { IdempotencyKeyEntity } from './store/idempotency-key.entity';
import { StripeObjectEntity } from './store/stripe-object.entity';

/** Every table of the `sandbox_stripe` schema. */
export const stripeSandboxEntities = [StripeObjectEntity, IdempotencyKeyEntity, WebhookDeliveryEntity];
