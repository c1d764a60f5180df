import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { ProblemError } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationService } from '../identity/authentication.service';
import { ADMIN_SCOPE, type ConsumerIdentity } from '../identity/identity';
import { RateLimitService } from '../policy/rate-limit/rate-limit.service';

/** 403 problem+json: authenticated, but without the admin scope. */
export class AdminScopeRequiredProblem extends ProblemError {
  constructor(consumer: string) {
    super({
      status: 403,
      type: 'insufficient-scope',
      title: 'Forbidden',
      detail: `The admin API requires the ${ADMIN_SCOPE} scope, which ${consumer} does not hold.`,
      extra: { requiredScopes: [ADMIN_SCOPE] },
    });
  }
}

/**
 * The admin API's gate, the same policy as every other call: credentials (401), the consumer's rate
 * limit and quota (429 with the RateLimit headers), and the `admin` scope (403). The identity stays
 * on the request for the audit record.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly auth: AuthenticationService,
    @Optional() private readonly limits?: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { identity?: ConsumerIdentity }>();
    const identity = await this.auth.authenticate(req);
    req.identity = identity;
    await this.limits?.admit(identity, http.getResponse<FastifyReply>());
    if (!identity.scopes.includes(ADMIN_SCOPE)) throw new AdminScopeRequiredProblem(identity.name);
    return true;
  }
}
