import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const WEBHOOK_PATH_PREFIX = '/system/billing/v1/webhooks/';

/** The exact bytes of a webhook request, as signed by the vendor. */
export interface RawBodyRequest {
  rawBody?: string;
}

/**
 * A webhook signature covers the raw body, byte for byte: for the webhook paths this JSON parser
 * keeps the text on the request (`rawBody`) before parsing it. Other paths keep the platform parser.
 */
@Injectable()
export class WebhookRawBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();
    const parse = fastify.getDefaultJsonParser('error', 'error');
    if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (request: FastifyRequest, body: string | Buffer, done) => {
        const text = body.toString();
        if (!request.url.startsWith(WEBHOOK_PATH_PREFIX)) {
          void parse(request, text, done);
          return;
        }
        (request as unknown as RawBodyRequest).rawBody = text;
        // The signature decides; an unparsable body is rejected after verification.
        void parse(request, text, (error, value) => done(null, error ? undefined : value));
      },
    );
  }
}
