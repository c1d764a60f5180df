import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { BcError, EntraError } from './bc-error';

/** Renders the sandbox's Business Central (and Entra token) routes' errors in the vendor's shapes. */
@Catch()
export class BcExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('BusinessCentralSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof EntraError) {
      void reply.status(exception.status).send({
        error: exception.error,
        error_description: `AADSTS${exception.errorCode}: ${exception.description}`,
        error_codes: [exception.errorCode],
        timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      });
      return;
    }
    let error: BcError;
    if (exception instanceof BcError) error = exception;
    else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      error = new BcError(
        status,
        status === 404 ? 'BadRequest_NotFound' : status === 405 ? 'BadRequest_MethodNotAllowed' : 'BadRequest',
        exception.message,
      );
    } else {
      this.log.error({ err: exception }, 'unexpected error in the Business Central sandbox');
      error = new BcError(500, 'Internal_ServerError', 'An unexpected error occurred.');
    }
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
    if (error.status === 401)
      void reply.header(
        'www-authenticate',
        'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
      );
    void reply
      .status(error.status)
      .header('content-type', 'application/json; odata.metadata=minimal; charset=utf-8')
      .send({ error: { code: error.code, message: `${error.message}  CorrelationId:  ${randomUUID()}.` } });
  }
}
