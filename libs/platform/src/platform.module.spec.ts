import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Injectable,
  Logger as NestLogger,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
  Post,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { PinoLogger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import { AppDefinition } from './app-definition';
import { bootstrapApp, RunningApp } from './bootstrap/bootstrap-app';
import { Correlation } from './correlation/correlation';
import { parseTraceparent } from './correlation/traceparent';
import { ConflictProblem } from './errors/problem-error';
import { PlatformModule } from './platform.module';

/** Collects JSON log lines. */
class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    cb();
  }
}

class LineDto {
  @IsString() description: string;
  @IsInt() @Min(1) amount: number;
}

class InvoiceDto {
  @IsString() customerId: string;
  @ValidateNested({ each: true }) @Type(() => LineDto) @ArrayMinSize(1) lines: LineDto[];
}

let seenByMiddleware: string | undefined;

@Injectable()
class SpyMiddleware implements NestMiddleware {
  use(_req: unknown, _res: unknown, next: () => void): void {
    seenByMiddleware = Correlation.current()?.correlationId;
    next();
  }
}

@Controller('system/test/v1')
class TestController {
  private readonly nestLogger = new NestLogger('TestController');
  constructor(private readonly log: PinoLogger) {
    log.setContext('TestController');
  }

  @Post('invoices')
  async create(@Body() dto: InvoiceDto): Promise<{ correlationId?: string; lines: number }> {
    this.log.info('creating invoice');
    await new Promise((r) => setTimeout(r, 5));
    this.nestLogger.log('still creating');
    return { correlationId: Correlation.current()?.correlationId, lines: dto.lines.length };
  }

  @Get('conflict')
  conflict(): never {
    throw new ConflictProblem('already there', { existingId: 'x1' });
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('http-exception')
  httpException(): never {
    throw new BadRequestException('plain nest exception');
  }
}

@Module({
  imports: [PlatformModule.forApp({ name: 'test-app' })],
  controllers: [TestController],
  providers: [SpyMiddleware],
})
class TestAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SpyMiddleware).forRoutes('*');
  }
}

const testApp: AppDefinition = {
  name: 'test-app',
  module: TestAppModule,
  portEnv: 'TEST_APP_PORT',
  defaultPort: 0,
  apis: [],
};

describe('PlatformModule over real HTTP', () => {
  const sink = new LogSink();
  let running: RunningApp;
  const previousLimit = process.env.BODY_LIMIT_BYTES;

  beforeAll(async () => {
    process.env.BODY_LIMIT_BYTES = '4096';
    running = await bootstrapApp(testApp, { port: 0, host: '127.0.0.1', logLevel: 'debug', logDestination: sink });
  });
  afterAll(async () => {
    await running?.close();
    if (previousLimit === undefined) delete process.env.BODY_LIMIT_BYTES;
    else process.env.BODY_LIMIT_BYTES = previousLimit;
  });

  const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${running.url}${path}`, { method: 'POST', headers, body });

  describe('correlation', () => {
    it('generates a correlation id and traceparent when absent, and keeps it through body parsing', async () => {
      const res = await post(
        '/system/test/v1/invoices',
        JSON.stringify({ customerId: 'c1', lines: [{ description: 'd', amount: 1 }] }),
      );
      expect(res.status).toBe(201);
      const id = res.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(parseTraceparent(res.headers.get('traceparent') ?? undefined)?.traceId).toBe(id?.replace(/-/g, ''));
      expect(((await res.json()) as { correlationId: string }).correlationId).toBe(id);
      expect(seenByMiddleware).toBe(id);
    });

    it('uses X-Correlation-Id and keeps the incoming trace id with a new span id', async () => {
      const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const res = await post(
        '/system/test/v1/invoices',
        JSON.stringify({ customerId: 'c1', lines: [{ description: 'd', amount: 1 }] }),
        {
          'content-type': 'application/json',
          'x-correlation-id': 'order-77',
          traceparent: incoming,
        },
      );
      expect(res.headers.get('x-correlation-id')).toBe('order-77');
      const tp = parseTraceparent(res.headers.get('traceparent') ?? undefined);
      expect(tp?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(tp?.parentId).not.toBe('b7ad6b7169203331');
    });

    it('takes the trace id as correlation id when only a valid traceparent is given, and ignores an invalid one', async () => {
      const ok = await fetch(`${running.url}/health/live`, {
        headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      });
      expect(ok.headers.get('x-correlation-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      const bad = await fetch(`${running.url}/health/live`, {
        headers: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      });
      expect(bad.headers.get('x-correlation-id')).not.toBe('00000000000000000000000000000000');
      expect(parseTraceparent(bad.headers.get('traceparent') ?? undefined)).toBeDefined();
    });

    it('returns the correlation headers on error responses too', async () => {
      const res = await fetch(`${running.url}/nope`, { headers: { 'x-correlation-id': 'err-1' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-correlation-id')).toBe('err-1');
      expect(res.headers.get('traceparent')).toBeTruthy();
    });
  });

  describe('problem+json', () => {
    const problemOf = async (res: Response) => {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return (await res.json()) as Record<string, unknown>;
    };

    it('renders typed problems with their extension members', async () => {
      const res = await fetch(`${running.url}/system/test/v1/conflict`, { headers: { 'x-correlation-id': 'c-9' } });
      expect(res.status).toBe(409);
      expect(await problemOf(res)).toEqual({
        type: 'https://errors.ps-gateway.dev/conflict',
        title: 'Conflict',
        status: 409,
        detail: 'already there',
        existingId: 'x1',
        instance: '/system/test/v1/conflict',
        correlationId: 'c-9',
      });
    });

    it('renders an unknown route as 404 problem', async () => {
      const res = await fetch(`${running.url}/no/such/route?x=1`);
      expect(res.status).toBe(404);
      expect(await problemOf(res)).toMatchObject({ status: 404, title: 'Not Found', instance: '/no/such/route' });
    });

    it('renders Nest HttpExceptions', async () => {
      const res = await fetch(`${running.url}/system/test/v1/http-exception`);
      expect(res.status).toBe(400);
      expect(await problemOf(res)).toMatchObject({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'plain nest exception',
      });
    });

    it('hides unexpected errors behind a bare 500 and logs them with the stack', async () => {
      const res = await fetch(`${running.url}/system/test/v1/boom`, { headers: { 'x-correlation-id': 'boom-1' } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('at ');
      expect(JSON.parse(text)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/system/test/v1/boom',
        correlationId: 'boom-1',
      });
      const logged = sink.lines.find((l) => l.msg === 'unhandled error' && l.correlationId === 'boom-1') as
        { err: { stack: string } } | undefined;
      expect(logged?.err.stack).toContain('database password is hunter2');
    });

    it('answers malformed JSON with 400 naming it', async () => {
      const res = await post('/system/test/v1/invoices', '{"customerId": ');
      expect(res.status).toBe(400);
      const p = await problemOf(res);
      expect(p).toMatchObject({
        type: 'https://errors.ps-gateway.dev/malformed-json',
        title: 'Malformed JSON',
        status: 400,
      });
      expect(p.detail).toMatch(/not valid JSON/);
      expect(res.headers.get('x-correlation-id')).toBeTruthy();
    });

    it('answers a body over the limit with 413', async () => {
      const res = await post('/system/test/v1/invoices', JSON.stringify({ customerId: 'x'.repeat(5000), lines: [] }));
      expect(res.status).toBe(413);
      expect(await problemOf(res)).toMatchObject({
        type: 'https://errors.ps-gateway.dev/payload-too-large',
        status: 413,
      });
    });

    it('answers an unsupported media type with 415', async () => {
      const res = await post('/system/test/v1/invoices', '<invoice/>', { 'content-type': 'application/xml' });
      expect(res.status).toBe(415);
      expect(await problemOf(res)).toMatchObject({
        type: 'https://errors.ps-gateway.dev/unsupported-media-type',
        status: 415,
      });
    });

    it('lists every invalid field with nested paths', async () => {
      const res = await post(
        '/system/test/v1/invoices',
        JSON.stringify({
          customerId: 5,
          lines: [
            { description: 'ok', amount: 1 },
            { description: 'bad', amount: 0, color: 'red' },
          ],
          foo: 1,
        }),
      );
      expect(res.status).toBe(400);
      const p = (await problemOf(res)) as { type: string; errors: { field: string; message: string }[] };
      expect(p.type).toBe('https://errors.ps-gateway.dev/validation-failed');
      const fields = p.errors.map((e) => e.field).sort();
      expect(fields).toEqual(['customerId', 'foo', 'lines[1].amount', 'lines[1].color']);
      expect(p.errors.find((e) => e.field === 'lines[1].amount')?.message).toBe(
        'lines[1].amount must not be less than 1',
      );
    });
  });

  describe('logging', () => {
    it('writes JSON lines with app and correlationId on every line of a request, and a request line', async () => {
      await post(
        '/system/test/v1/invoices',
        JSON.stringify({ customerId: 'c1', lines: [{ description: 'd', amount: 2 }] }),
        {
          'content-type': 'application/json',
          'x-correlation-id': 'log-check-1',
        },
      );
      await new Promise((r) => setTimeout(r, 20));
      const lines = sink.lines.filter((l) => l.correlationId === 'log-check-1');
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['creating invoice', 'still creating', 'request completed']),
      );
      for (const l of lines) expect(l.app).toBe('test-app');
      const request = lines.find((l) => l.msg === 'request completed');
      expect(request).toMatchObject({
        method: 'POST',
        url: '/system/test/v1/invoices',
        route: '/system/test/v1/invoices',
        status: 201,
        level: 'info',
      });
      expect(typeof request?.durationMs).toBe('number');
      expect(sink.lines.every((l) => l.app === 'test-app')).toBe(true);
    });
  });

  describe('metrics', () => {
    it('labels the request histogram with the route template', async () => {
      const text = await (await fetch(`${running.url}/metrics`)).text();
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/system\/test\/v1\/invoices"[^}]*\}/);
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched"[^}]*status="404"/);
    });
  });
});
