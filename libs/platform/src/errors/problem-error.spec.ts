import { ConflictException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import {
  BadGatewayProblem,
  NotFoundProblem,
  ProblemError,
  UnprocessableProblem,
  UpstreamTimeoutProblem,
  UpstreamUnavailableProblem,
  ValidationProblem,
} from './problem-error';
import { toProblem } from './problem.filter';

describe('ProblemError', () => {
  it('builds from positional arguments or options, with a type URI from the slug', () => {
    const a = new ProblemError(409, 'customer-blocked', 'Customer blocked', 'customer c1 is blocked', {
      customerId: 'c1',
    });
    expect(a.toProblem()).toEqual({
      type: 'https://errors.ps-gateway.dev/customer-blocked',
      title: 'Customer blocked',
      status: 409,
      detail: 'customer c1 is blocked',
      customerId: 'c1',
    });
    expect(a.message).toBe('customer c1 is blocked');
    expect(a.name).toBe('ProblemError');
    const b = new ProblemError({ status: 418, type: 'about:blank' });
    expect(b.toProblem()).toEqual({ type: 'about:blank', title: "I'm a Teapot", status: 418 });
  });

  it('has subclasses with their status, slug and name', () => {
    expect(new NotFoundProblem('x').toProblem()).toMatchObject({
      status: 404,
      type: 'https://errors.ps-gateway.dev/not-found',
    });
    expect(new UnprocessableProblem('y').status).toBe(422);
    expect(new UpstreamUnavailableProblem('salesforce').toProblem()).toMatchObject({
      status: 503,
      dependency: 'salesforce',
      detail: 'salesforce is unavailable',
    });
    expect(new UpstreamTimeoutProblem('salesforce').status).toBe(504);
    expect(new BadGatewayProblem('salesforce').status).toBe(502);
    expect(new BadGatewayProblem('salesforce').name).toBe('BadGatewayProblem');
    expect(new ValidationProblem([{ field: 'a', message: 'a must be a string' }]).toProblem()).toMatchObject({
      status: 400,
      type: 'https://errors.ps-gateway.dev/validation-failed',
      errors: [{ field: 'a', message: 'a must be a string' }],
      detail: 'a must be a string',
    });
  });
});

describe('toProblem', () => {
  it('renders HttpExceptions with about:blank and their message', () => {
    expect(toProblem(new NotFoundException('no such thing'))).toEqual({
      problem: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such thing' },
      expected: true,
    });
    expect(toProblem(new ConflictException()).problem).toMatchObject({ status: 409, title: 'Conflict' });
    expect(
      toProblem(new HttpException({ message: ['a must be a string', 'b should not exist'] }, 400)).problem.errors,
    ).toEqual([
      { field: 'a', message: 'a must be a string' },
      { field: 'b', message: 'b should not exist' },
    ]);
  });

  it('does not leak the message of a 500 HttpException or of an unknown error', () => {
    expect(toProblem(new InternalServerErrorException('SELECT * FROM secrets')).problem).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    expect(toProblem(new TypeError('cannot read x of undefined'))).toEqual({
      problem: { type: 'about:blank', title: 'Internal Server Error', status: 500 },
      expected: false,
    });
    expect(toProblem('a string').expected).toBe(false);
  });
});
