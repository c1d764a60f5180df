import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SalesforceApiError } from './salesforce-api.error';

/** What the body becomes when a `/services` request carries invalid JSON (see SalesforceJsonBodyParser). */
export class MalformedJsonBody {
  constructor(readonly reason: string) {}
}

/**
 * Salesforce answers a broken JSON body with `400 [{"errorCode":"JSON_PARSER_ERROR",...}]`, but
 * Fastify rejects it before Nest's controller-scoped filters run. For the `/services` tree this
 * parser hands the handler a MalformedJsonBody instead, and SalesforceBody turns it into the
 * vendor's error. Other paths (e.g. `/__sandbox`) keep the platform's problem+json behaviour.
 * (This Fastify instance belongs to this sandbox app alone.)
 */
@Injectable()
export class SalesforceJsonBodyParser implements OnModuleInit {
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
        if (!request.url.startsWith('/services/')) {
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

/** `@Body(SalesforceBody)`: rejects a MalformedJsonBody with JSON_PARSER_ERROR. */
@Injectable()
export class SalesforceBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedJsonBody) {
      throw new SalesforceApiError(400, {
        message: `Unexpected character in the request body: ${value.reason}`,
        errorCode: 'JSON_PARSER_ERROR',
      });
    }
    return value;
  }
}
