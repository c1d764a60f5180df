import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StripeApiError } from '../common/stripe-api.error';
import { requestIdOf } from '../common/stripe-request';
import { StripeFaultsService } from '../control/stripe-faults.service';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';
import { StripeRateLimiter } from './rate-limiter';

/** What the guard leaves on the request for the idempotency layer. */
export interface StripeAuthState {
  stripeApiKey?: string;
  stripeLoseResponse?: boolean;
}

/**
 * Front door of `/v1`: injected faults, then the secret key (`Authorization: Bearer sk_test_...`,
 * or HTTP Basic with the key as user name, as Stripe accepts), then the rate limit.
 */
@Injectable()
export class StripeApiGuard implements CanActivate {
  constructor(
    private readonly faults: StripeFaultsService,
    private readonly limiter: StripeRateLimiter,
    @Inject(stripeSandboxConfig.KEY) private readonly config: StripeSandboxSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    void http.getResponse<FastifyReply>().header('request-id', requestIdOf(request));
    const outcome = await this.faults.apply(request.method, request.url);
    const key = StripeApiGuard.keyOf(request.headers.authorization);
    if (key !== this.config.secretKey) throw StripeApiError.invalidApiKey(key);
    if (!this.limiter.take(key)) throw StripeFaultsService.rateLimited(1);
    const state = request as unknown as StripeAuthState;
    state.stripeApiKey = key;
    state.stripeLoseResponse = outcome === 'lose-response';
    return true;
  }

  static keyOf(authorization: string | undefined): string | undefined {
    if (!authorization) return undefined;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) return bearer[1];
    const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization);
    if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
    return authorization.trim();
  }
}
