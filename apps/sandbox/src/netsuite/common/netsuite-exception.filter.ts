import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NetSuiteError, NetSuiteOAuthError } from './netsuite-error';

const CODES: Record<number, string> = {
  400: 'INVALID_CONTENT',
  401: 'INVALID_LOGIN',
  404: 'NONEXISTENT_ID',
  405: 'INVALID_REQUEST',
  413: 'INVALID_CONTENT',
  415: 'INVALID_CONTENT_TYPE',
};

/** Renders every error under `/services/rest` in NetSuite's shape (controller-scoped filter). */
@Catch()
export class NetSuiteExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('NetSuiteSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof NetSuiteOAuthError) {
      void reply
        .status(exception.status)
        .header('content-type', 'application/json;charset=UTF-8')
        .send({ error: exception.error, error_description: exception.description });
      return;
    }
    let error: NetSuiteError;
    if (exception instanceof NetSuiteError) error = exception;
    else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      error = new NetSuiteError(
        status,
        CODES[status] ?? (status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST'),
        exception.message,
      );
    } else {
      this.log.error({ err: exception }, 'unexpected error in the NetSuite sandbox');
      error = new NetSuiteError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.');
    }
    if (error.status === 429) void reply.header('retry-after', '1');
    void reply
      .status(error.status)
      .header('content-type', 'application/vnd.oracle.resource+json; type=error; charset=UTF-8')
      .send(error.body());
  }
}
