import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { KantataFaultsService } from '../control/kantata-faults.service';
import { KantataRateLimiter } from '../limits/kantata-rate-limiter.service';
import { KantataOAuthService } from './kantata-oauth.service';

/** Front door of `/api/v1`: injected faults, the bearer token (401 oauth), then the rate limit (429). */
@Injectable()
export class KantataApiGuard implements CanActivate {
  constructor(
    private readonly faults: KantataFaultsService,
    private readonly tokens: KantataOAuthService,
    private readonly limiter: KantataRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.faults.before(request.method, request.url, request);
    const tokenHash = await this.tokens.verify(request.headers.authorization);
    this.limiter.consume(tokenHash);
    return true;
  }
}

/** Faults only (the token endpoint). */
@Injectable()
export class KantataFaultGuard implements CanActivate {
  constructor(private readonly faults: KantataFaultsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.faults.before(request.method, request.url, request);
    return true;
  }
}

/** Applies `after`-phase faults once the handler has served (and committed) the request. */
@Injectable()
export class KantataAfterFaultInterceptor implements NestInterceptor {
  constructor(private readonly faults: KantataFaultsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(switchMap((value: unknown) => from(this.faults.after(request).then(() => value))));
  }
}
