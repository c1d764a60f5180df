import type { ConsumerEntity } from '../identity/consumer.entity';
import type { ConsumerDto } from './dto/consumer.dto';

/** What leaves the admin API of a consumer row (a whitelist: a new column never leaks). */
export function toConsumerDto(row: ConsumerEntity): ConsumerDto {
  return {
    consumerId: row.id,
    name: row.name,
    kind: row.kind,
    plan: row.plan,
    scopes: row.scopes,
    products: row.products,
    legalEntities: row.legalEntities,
    ipAllowList: row.ipAllowList,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
