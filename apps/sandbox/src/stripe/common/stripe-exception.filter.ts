import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StripeApiError, StripeErrorBody } from './stripe-api.error';
import { requestIdOf } from './stripe-request';

/**
 * Renders every error under `/v1` in Stripe's shape (`{"error":{...}}`), with Stripe's
 * `Request-Id` header; the idempotency layer stores the rendered answer.
 */
@Catch()
export class StripeExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('StripeSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (exception instanceof Error && exception.name === 'MalformedAnswer') {
      void reply
        .status(200)
        .header('request-id', requestIdOf(request))
        .header('content-type', 'application/json')
        .send('{"id": "in_1MtHbELkdIwHu7ixl4OzzPMv", "object": "inv');
      return;
    }
    const { status, body, headers } = StripeExceptionFilter.render(exception, this.log);
    for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    void reply
      .status(status)
      .header('request-id', requestIdOf(request))
      .header('content-type', 'application/json')
      .send({ error: body });
  }

  static render(
    exception: unknown,
    log?: Logger,
  ): { status: number; body: StripeErrorBody; headers: Record<string, string> } {
    if (exception instanceof StripeApiError) {
      return { status: exception.status, body: exception.body, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        return {
          status,
          body: {
            type: 'invalid_request_error',
            message: 'Unrecognized request URL. Please see https://stripe.com/docs.',
          },
          headers: {},
        };
      }
      return {
        status,
        body: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: exception.message },
        headers: {},
      };
    }
    log?.error({ err: exception }, 'unexpected error in the Stripe sandbox');
    return { status: 500, body: { type: 'api_error', message: 'An unknown error occurred' }, headers: {} };
  }
}
