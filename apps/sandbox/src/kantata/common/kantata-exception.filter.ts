import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { KantataApiError, KantataErrorItem, KantataOAuthError, MalformedResponseFault } from './kantata-api.error';

/**
 * Renders every error of the sandbox's Kantata routes in Kantata's shape instead of the platform's
 * problem+json (controller-scoped: `@UseFilters(KantataExceptionFilter)`).
 */
@Catch()
export class KantataExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('KantataSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof MalformedResponseFault) {
      void reply
        .status(200)
        .header('content-type', 'application/json; charset=utf-8')
        .send('{"count":1,"results":[{"key"');
      return;
    }
    if (exception instanceof KantataOAuthError) {
      void reply.status(exception.status).header('content-type', 'application/json; charset=utf-8').send({
        error: exception.error,
        error_description: exception.description,
      });
      return;
    }
    let status: number;
    let errors: KantataErrorItem[];
    if (exception instanceof KantataApiError) {
      status = exception.status;
      errors = exception.errors;
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      errors = [{ type: 'system', message: exception.message }];
    } else {
      status = 500;
      this.log.error({ err: exception }, 'unexpected error in the Kantata sandbox');
      errors = [{ type: 'system', message: 'An unexpected error occurred' }];
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ errors });
  }
}
