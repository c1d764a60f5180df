import { CanActivate, ExecutionContext, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ProblemError } from '../errors/problem-error';
import { APP_NAME } from '../logging/logging.constants';
import { CALLER, CallerIdentity, PUBLIC_ROUTE } from './caller';
import { internalAuthConfig } from './internal-auth.config';

/** Verified tokens kept for their lifetime, so a repeated token costs a map look-up, not a signature check. */
const MAX_CACHED_TOKENS = 10_000;

export class InternalTokenProblem extends ProblemError {
  constructor(detail: string) {
    super({ status: 401, type: 'internal-token-required', title: 'Unauthorized', detail });
  }
}

/**
 * Every app behind the gateway accepts only calls that carry the internal token the gateway signed
 * for it (`Authorization: Bearer`, ES256, `aud` = this app, `iss` = the gateway, not expired), so
 * going around the gateway gets a 401. The verified identity (consumer, scopes, legal entities) is
 * attached to the request for `@Caller()`. Health, metrics and signed vendor webhooks are
 * `@PublicRoute()`. `INTERNAL_AUTH=off` turns the check off (not allowed in production).
 */
@Injectable()
export class InternalAuthGuard implements CanActivate, OnModuleInit {
  private readonly logger = new Logger(InternalAuthGuard.name);
  private readonly verified = new Map<string, { caller: CallerIdentity; expiresAt: number }>();
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(internalAuthConfig.KEY) private readonly config: ConfigType<typeof internalAuthConfig>,
    @Inject(APP_NAME) private readonly appName: string,
  ) {}

  onModuleInit(): void {
    if (this.config.mode === 'off') {
      if (process.env.NODE_ENV === 'production') {
        throw new Error('INTERNAL_AUTH=off is not allowed with NODE_ENV=production');
      }
      this.logger.warn(`${this.appName}: INTERNAL_AUTH=off, calls are not checked for the gateway's internal token`);
      return;
    }
    this.jwks = createRemoteJWKSet(new URL(this.config.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 1000 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    if (!this.jwks) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new InternalTokenProblem(`${this.appName} is served through the gateway: call it there`);
    (request as unknown as Record<symbol, CallerIdentity>)[CALLER] = await this.verify(token);
    return true;
  }

  private async verify(token: string): Promise<CallerIdentity> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt > now) return hit.caller;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks as NonNullable<typeof this.jwks>, {
        issuer: this.config.issuer,
        audience: this.appName,
        algorithms: ['ES256'],
      }));
    } catch (err) {
      const reason =
        err instanceof joseErrors.JWTExpired
          ? 'the internal token has expired'
          : err instanceof joseErrors.JWTClaimValidationFailed
            ? `the internal token is not for ${this.appName} (${err.claim})`
            : 'the internal token is not valid';
      throw new InternalTokenProblem(reason);
    }
    if (payload.token_use !== 'internal') throw new InternalTokenProblem('an access token is not an internal token');
    const entities = payload.legal_entities;
    const caller = new CallerIdentity(
      String(payload.sub),
      typeof payload.consumer === 'string' ? payload.consumer : String(payload.sub),
      typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      Array.isArray(entities) ? entities.map(String) : null,
    );
    if (this.verified.size >= MAX_CACHED_TOKENS) {
      for (const [t, v] of this.verified) if (v.expiresAt <= now) this.verified.delete(t);
      if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.clear();
    }
    this.verified.set(token, { caller, expiresAt: (payload.exp ?? 0) * 1000 });
    return caller;
  }
}
