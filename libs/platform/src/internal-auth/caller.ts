import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ProblemError } from '../errors/problem-error';

/**
 * Who is calling, as the gateway vouched for it in the internal token it signed for this app: the
 * consumer, its scopes and the legal entities it may see (null: every entity).
 */
export class CallerIdentity {
  constructor(
    readonly consumerId: string,
    readonly consumerName: string,
    readonly scopes: readonly string[],
    readonly legalEntities: readonly string[] | null,
  ) {}

  /** Anyone, when internal auth is off (tests of one app, local tools): every entity, every scope. */
  static unrestricted(): CallerIdentity {
    return new CallerIdentity('local', 'local', ['*'], null);
  }

  /** True when the caller may see data of `legalEntity` (an unbound caller sees every entity). */
  sees(legalEntity: string | null | undefined): boolean {
    if (this.legalEntities === null) return true;
    return typeof legalEntity === 'string' && this.legalEntities.includes(legalEntity);
  }

  /** 403 problem+json unless the caller may see `legalEntity`. */
  assertSees(legalEntity: string | null | undefined, what: string): void {
    if (!this.sees(legalEntity)) throw new ForbiddenEntityProblem(what, legalEntity);
  }

  /** The entities a list must be restricted to, or null for no restriction. */
  entityFilter(): string[] | null {
    return this.legalEntities === null ? null : [...this.legalEntities];
  }
}

export class ForbiddenEntityProblem extends ProblemError {
  constructor(what: string, legalEntity: string | null | undefined) {
    super({
      status: 403,
      type: 'legal-entity-forbidden',
      title: 'Forbidden',
      detail: `${what} belongs to legal entity ${legalEntity ?? '(none)'}, which this consumer may not see`,
      extra: { legalEntity: legalEntity ?? null },
    });
  }
}

export const CALLER = Symbol.for('ps-gateway.caller');

/** The caller of the current request (set by the internal-auth guard). */
export function requestCaller(request: unknown): CallerIdentity {
  const r = request as Record<symbol, CallerIdentity | undefined> & {
    raw?: Record<symbol, CallerIdentity | undefined>;
  };
  return r?.[CALLER] ?? r?.raw?.[CALLER] ?? CallerIdentity.unrestricted();
}

/** Controller parameter: `@Caller() caller: CallerIdentity`. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  requestCaller(ctx.switchToHttp().getRequest()),
);

export const PUBLIC_ROUTE = 'ps-gateway:public-route';

/**
 * Marks a controller or handler the internal token is not required for: health, metrics, and
 * vendor webhooks that carry their own signature. Say why at the use site.
 */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
