import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ValidationProblem } from '@app/platform';

export const CONSUMER_ID_HEADER = 'X-Consumer-Id';
const VALID = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/**
 * The acting consumer (operator or client) from `X-Consumer-Id`, recorded as the actor of audited actions.
 * Required: a missing, blank or malformed header is a 400 problem naming it. The gateway will later pass a
 * signed identity instead; only this decorator changes then.
 */
export const ConsumerId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const raw = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    'x-consumer-id'
  ];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) {
    throw new ValidationProblem([
      { field: CONSUMER_ID_HEADER, message: `${CONSUMER_ID_HEADER} header is required: who is acting` },
    ]);
  }
  if (!VALID.test(value)) {
    throw new ValidationProblem([
      { field: CONSUMER_ID_HEADER, message: `${CONSUMER_ID_HEADER} must be 1-200 printable ASCII characters` },
    ]);
  }
  return value;
});

/** Documents the required header on an operation. */
export const ApiConsumerIdHeader = () =>
  ApiHeader({
    name: CONSUMER_ID_HEADER,
    required: true,
    description: 'Who is acting (operator or client id); recorded in the audit trail.',
  });
