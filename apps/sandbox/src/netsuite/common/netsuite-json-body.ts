import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NetSuiteError } from './netsuite-error';

/** What the body becomes when a `/services/rest` request carries invalid JSON. */
export class MalformedNetSuiteJson {
  constructor(readonly reason: string) {}
}

/**
 * NetSuite answers a broken JSON body in its own error shape, but Fastify would reject it before
 * the controller's filter runs: under `/services/rest` this parser hands the handler a marker that
 * NetSuiteBody turns into 400 INVALID_CONTENT (this Fastify instance belongs to this sandbox alone).
 */
@Injectable()
export class NetSuiteJsonBodyParser implements OnModuleInit {
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
        if (!request.url.startsWith('/services/rest/')) {
          void parse(request, text, done);
          return;
        }
        if (text.trim() === '') {
          done(null, undefined);
          return;
        }
        void parse(request, text, (error, value) => {
          if (error) done(null, new MalformedNetSuiteJson(error.message));
          else done(null, value);
        });
      },
    );
  }
}

/** `@Body(NetSuiteBody)`: rejects a malformed body with 400 INVALID_CONTENT. */
@Injectable()
export class NetSuiteBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedNetSuiteJson) {
      throw NetSuiteError.invalidContent(`Invalid JSON in the request body: ${value.reason}`);
    }
    return value;
  }
}
