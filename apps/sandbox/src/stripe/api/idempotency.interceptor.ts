import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, Observable } from 'rxjs';
import { LessThan, Repository } from 'typeorm';
import { StripeApiError } from '../common/stripe-api.error';
import { StripeExceptionFilter } from '../common/stripe-exception.filter';
import { paramsOf, requestIdOf } from '../common/stripe-request';
import { IdempotencyKeyEntity } from '../store/idempotency-key.entity';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';
import type { StripeAuthState } from './stripe-api.guard';

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stripe's `Idempotency-Key` on POST: the first answer (success or error) is stored for the key
 * (per API key) and replayed with `Idempotent-Replayed: true`; the same key with other parameters
 * or on another endpoint is `400 idempotency_error`; a key whose first request is still running is
 * `409`. Keys expire after `idempotencyTtlSeconds` (24 h). Without the key every POST runs.
 */
@Injectable()
export class StripeIdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('StripeIdempotency');
  private readonly inFlight = new Set<string>();

  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
    @Inject(stripeSandboxConfig.KEY) private readonly config: StripeSandboxSettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const state = request as unknown as StripeAuthState;
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (request.method !== 'POST' || !key) {
      return from(this.run(next, state));
    }
    return from(this.idempotent(key, request, reply, next, state));
  }

  private async run(next: CallHandler, state: StripeAuthState): Promise<unknown> {
    const result = await new Promise<unknown>((resolve, reject) => {
      next.handle().subscribe({ next: resolve, error: reject });
    });
    if (state.stripeLoseResponse) throw StripeIdempotencyInterceptor.lostResponse();
    return result;
  }

  private async idempotent(
    key: string,
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
    state: StripeAuthState,
  ): Promise<unknown> {
    if (key.length > 255) {
      throw StripeApiError.invalid(
        'Idempotency-Key must be at most 255 characters long.',
        undefined,
        'idempotency_key_too_long',
      );
    }
    const apiKey = state.stripeApiKey ?? '';
    const endpoint = `POST ${request.url.split('?')[0]}`;
    const paramsHash = createHash('sha256')
      .update(stable(paramsOf(request)))
      .digest('hex');
    const slot = `${apiKey}\u0000${key}`;
    if (this.inFlight.has(slot)) {
      throw new StripeApiError(409, {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Stripe API key and idempotency key. Please try again later.',
      });
    }
    this.inFlight.add(slot);
    try {
      const cutoff = new Date(Date.now() - this.config.idempotencyTtlSeconds * 1000);
      await this.keys.delete({ apiKey, key, createdAt: LessThan(cutoff) });
      const stored = await this.keys.findOne({ where: { apiKey, key } });
      if (stored) {
        if (stored.endpoint !== endpoint || stored.paramsHash !== paramsHash) {
          throw new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          });
        }
        void reply.header('idempotent-replayed', 'true').header('original-request', stored.requestId);
        if (stored.status >= 400) {
          const err = (stored.body as { error: ConstructorParameters<typeof StripeApiError>[1] }).error;
          throw new StripeApiError(stored.status, err);
        }
        return stored.body;
      }
      let status = 200;
      let body: unknown;
      let failure: unknown;
      try {
        body = await new Promise<unknown>((resolve, reject) => {
          next.handle().subscribe({ next: resolve, error: reject });
        });
      } catch (e) {
        failure = e;
        const rendered = StripeExceptionFilter.render(e, this.log);
        status = rendered.status;
        body = { error: rendered.body };
      }
      // Conflicts and rate limiting never started the work: nothing is stored for them.
      if (status !== 409 && status !== 429) {
        await this.keys.save({
          apiKey,
          key,
          endpoint,
          paramsHash,
          status,
          body,
          requestId: requestIdOf(request),
          createdAt: new Date(),
        });
      }
      if (failure !== undefined) throw failure;
      if (state.stripeLoseResponse) throw StripeIdempotencyInterceptor.lostResponse();
      return body;
    } finally {
      this.inFlight.delete(slot);
    }
  }

  static lostResponse(): StripeApiError {
    return new StripeApiError(
      500,
      {
        type: 'api_error',
        message: 'An unknown error occurred after the request was processed (injected by the sandbox).',
      },
      { 'stripe-should-retry': 'true' },
    );
  }

  /** Test control: every stored key is older than its lifetime now. */
  async expireAll(): Promise<number> {
    const res = await this.keys.createQueryBuilder().delete().execute();
    return res.affected ?? 0;
  }
}
