import { Injectable } from '@nestjs/common';
import { ProblemError } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { API_KEY_STRATEGY } from './api-key.strategy';
import { BEARER_STRATEGY } from './bearer.strategy';
import { UnauthorizedProblem } from './credential-verifier.service';
import { IdentityCacheService, ipAllowed } from './identity-cache.service';
import type { ConsumerIdentity } from './identity';

export { UnauthorizedProblem } from './credential-verifier.service';

/** 403 problem+json: the credentials are valid but the caller's address is not on the consumer's allow-list. */
export class IpNotAllowedProblem extends ProblemError {
  constructor(ip: string, consumer: string) {
    super({
      status: 403,
      type: 'ip-not-allowed',
      title: 'Forbidden',
      detail: `${consumer} may not call from ${ip} (not on its IP allow-list).`,
    });
  }
}

/**
 * The one entry point of the request pipeline into identity: the consumer behind the request's
 * credentials (`Authorization: Bearer <jwt>` or `X-API-Key`), through the passport strategies, from
 * memory (no database round trip for a known credential). Throws 401 problem+json naming the reason,
 * or 403 when the caller's address is not on the consumer's IP allow-list.
 */
@Injectable()
export class AuthenticationService {
  constructor(private readonly cache: IdentityCacheService) {}

  async authenticate(req: FastifyRequest): Promise<ConsumerIdentity> {
    const authorization = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    let strategy: string;
    if (authorization !== undefined) {
      if (!/^Bearer\s+\S+$/i.test(authorization)) {
        throw new UnauthorizedProblem(
          'Only the Bearer scheme is accepted in Authorization (or send X-API-Key).',
          'Bearer',
        );
      }
      strategy = BEARER_STRATEGY;
    } else if (typeof apiKey === 'string' && apiKey.length > 0) {
      strategy = API_KEY_STRATEGY;
    } else {
      throw new UnauthorizedProblem(
        'Credentials are required: an API key in X-API-Key or an access token in Authorization: Bearer.',
      );
    }
    const identity = await runStrategy(strategy, req);
    if (identity.ipAllowList) {
      const consumer = await this.cache.consumer(identity.consumerId);
      if (consumer?.allow && !ipAllowed(consumer.allow, req.ip)) throw new IpNotAllowedProblem(req.ip, identity.name);
    }
    return identity;
  }
}

/** Runs a registered passport strategy on the request, without sessions or redirects. */
function runStrategy(name: string, req: FastifyRequest): Promise<ConsumerIdentity> {
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate(
      name,
      { session: false },
      (err: unknown, user: ConsumerIdentity | false | undefined) => {
        if (err) reject(err);
        else if (!user) reject(new UnauthorizedProblem('The credentials are not valid.'));
        else resolve(user);
      },
    ) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
    middleware(req, {}, (err?: unknown) => reject(err ?? new UnauthorizedProblem('The credentials are not valid.')));
  });
}
