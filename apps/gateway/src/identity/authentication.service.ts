import { Injectable } from '@nestjs/common';
import { ProblemError } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { ApiKeyService } from './api-key.service';
import type { ConsumerIdentity } from './identity';

/** 401 problem+json naming why the credentials were refused. */
export class UnauthorizedProblem extends ProblemError {
  constructor(detail: string) {
    super({ status: 401, type: 'unauthorized', title: 'Unauthorized', detail });
  }
}

/**
 * The one entry point of the request pipeline into identity: the consumer behind the request's
 * credentials (X-API-Key or Authorization: Bearer <jwt>), or a 401 problem naming the reason.
 */
@Injectable()
export class AuthenticationService {
  constructor(private readonly keys: ApiKeyService) {}

  async authenticate(req: FastifyRequest): Promise<ConsumerIdentity> {
    const presented = req.headers['x-api-key'];
    if (typeof presented !== 'string' || presented.length === 0) {
      throw new UnauthorizedProblem('An API key is required: send it in the X-API-Key header.');
    }
    const consumer = await this.keys.authenticate(presented);
    if (!consumer) throw new UnauthorizedProblem('The API key is not valid (unknown, revoked or expired).');
    return {
      consumerId: consumer.consumerId,
      name: consumer.name,
      kind: consumer.kind,
      plan: consumer.plan,
      scopes: [],
      products: null,
      legalEntities: null,
      ipAllowList: null,
      credential: { type: 'api-key', keyId: consumer.keyPrefix, keyPrefix: consumer.keyPrefix },
    };
  }
}
