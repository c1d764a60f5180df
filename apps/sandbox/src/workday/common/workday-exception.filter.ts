import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WorkdayApiError, WorkdayOAuthError } from './workday-api.error';

/** Renders every error of the Workday routes in Workday's shape (controller-scoped). */
@Catch()
export class WorkdayExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('WorkdaySandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.header('content-type', 'application/json;charset=UTF-8');
    if (exception instanceof WorkdayOAuthError) {
      void reply.status(exception.status).send({ error: exception.error, error_description: exception.description });
      return;
    }
    if (exception instanceof WorkdayApiError) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
      void reply.status(exception.status).send({ error: exception.message, errors: exception.errors });
      return;
    }
    if (exception instanceof HttpException) {
      void reply
        .status(exception.getStatus())
        .send({ error: exception.message, errors: [{ error: exception.message }] });
      return;
    }
    this.log.error({ err: exception }, 'unexpected error in the Workday sandbox');
    void reply.status(500).send({ error: 'An unexpected error occurred.', errors: [{ error: 'internal error' }] });
  }
}
