import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FormParamsError, parseStripeParams } from './form-params';
import { StripeApiError } from './stripe-api.error';

/**
 * Stripe bodies are `application/x-www-form-urlencoded` with brackets (`metadata[k]=v`,
 * `expand[]=x`, `lines[0][amount]=5`). This replaces Fastify's flat form parser of this sandbox's
 * own Fastify instance with one that builds the nested parameters.
 */
@Injectable()
export class StripeFormBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();
    const type = 'application/x-www-form-urlencoded';
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
    fastify.addContentTypeParser(
      type,
      { parseAs: 'string' },
      (_request: FastifyRequest, body: string | Buffer, done) => {
        try {
          done(null, parseStripeParams(body.toString()));
        } catch (e) {
          const message = e instanceof FormParamsError ? e.message : 'Invalid request body';
          done(StripeApiError.invalid(message), undefined);
        }
      },
    );
  }
}
