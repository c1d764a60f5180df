import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ProblemError } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { AuthenticationService } from '../identity/authentication.service';
import { ADMIN_SCOPE, type ConsumerIdentity } from '../identity/identity';

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

/** The admin API's gate: the same credentials as every other call, and the `admin` scope. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly auth: AuthenticationService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { identity?: ConsumerIdentity }>();
    const identity = await this.auth.authenticate(req);
    if (!identity.scopes.includes(ADMIN_SCOPE)) throw new AdminScopeRequiredProblem(identity.name);
    req.identity = identity;
    return true;
  }
}
