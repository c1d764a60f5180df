import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KantataApiError } from './kantata-api.error';

/** What the body becomes when an `/api/v1` request carries invalid JSON. */
export class MalformedJsonBody {
  constructor(readonly reason: string) {}
}

/**
 * Fastify rejects a broken JSON body before controller-scoped filters run; for `/api/v1` and
 * `/oauth` this parser hands the handler a MalformedJsonBody instead, and KantataBody answers it in
 * Kantata's error shape. Other paths (`/__sandbox`) keep the platform's problem+json.
 */
@Injectable()
export class KantataJsonBodyParser implements OnModuleInit {
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
        if (!request.url.startsWith('/api/') && !request.url.startsWith('/oauth/')) {
          void parse(request, text, done);
          return;
        }
        if (text.trim() === '') {
          done(null, undefined);
          return;
        }
        void parse(request, text, (error, value) => {
          if (error) done(null, new MalformedJsonBody(error.message));
          else done(null, value);
        });
      },
    );
  }
}

/** `@Body(KantataBody)`: rejects a MalformedJsonBody with 400. */
@Injectable()
export class KantataBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedJsonBody) throw KantataApiError.badRequest(`Invalid JSON body: ${value.reason}`);
    return value;
  }
}
