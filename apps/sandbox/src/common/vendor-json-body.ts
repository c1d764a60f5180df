import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What a request body becomes when a vendor path carries invalid JSON. */
export class MalformedJsonBody {
  constructor(readonly reason: string) {}
}

/**
 * A vendor answers a broken JSON body in its own error shape, but Fastify rejects it before any
 * controller-scoped filter runs. Under the vendor's paths this parser hands the handler a
 * MalformedJsonBody instead (an empty body is undefined), and the vendor's body pipe answers it in the
 * vendor's shape; other paths (`/__sandbox`) keep the platform's problem+json. Each sandbox has a
 * Fastify instance of its own, so replacing its JSON parser touches no other app.
 */
export function installVendorJsonParser(adapterHost: HttpAdapterHost, isVendorPath: (url: string) => boolean): void {
  const adapter = adapterHost.httpAdapter;
  if (!adapter || adapter.getType() !== 'fastify') return;
  const fastify = adapter.getInstance<FastifyInstance>();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = body.toString();
      if (!isVendorPath(request.url)) {
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
