import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { OAuthError, SalesforceApiError, SalesforceErrorItem } from './salesforce-api.error';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'JSON_PARSER_ERROR',
  401: 'INVALID_SESSION_ID',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Renders every error of the sandbox's Salesforce routes in Salesforce's shape instead of the
 * platform's problem+json (controller-scoped: `@UseFilters(SalesforceExceptionFilter)`).
 */
@Catch()
export class SalesforceExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('SalesforceSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof OAuthError) {
      void reply.status(exception.status).header('content-type', 'application/json;charset=UTF-8').send({
        error: exception.error,
        error_description: exception.description,
      });
      return;
    }
    let status: number;
    let errors: SalesforceErrorItem[];
    if (exception instanceof SalesforceApiError) {
      status = exception.status;
      errors = exception.errors;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const errorCode = CODES_BY_STATUS[status] ?? (status >= 500 ? 'UNKNOWN_EXCEPTION' : 'INVALID_REQUEST');
      errors = [{ message: exception.message, errorCode }];
    } else {
      status = 500;
      const errorId = randomUUID();
      this.log.error({ err: exception, errorId }, 'unexpected error in the Salesforce sandbox');
      errors = [
        {
          message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
          errorCode: 'UNKNOWN_EXCEPTION',
        },
      ];
    }
    void reply.status(status).header('content-type', 'application/json;charset=UTF-8').send(errors);
  }
}
