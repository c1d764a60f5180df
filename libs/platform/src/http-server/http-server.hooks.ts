import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger as PinoInstance } from 'pino';
import { AsyncContext } from '../correlation/async-context';
import { CORRELATION_HEADER, Correlation, TRACEPARENT_HEADER } from '../correlation/correlation';
import { APP_PINO } from '../logging/logging.constants';
import { MetricsService } from '../metrics/metrics.service';
import { requestCorrelation, setRequestCorrelation, setRequestError } from './request-context';

type Hook = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;
interface HookableAdapter {
  getType(): string;
  getInstance<T>(): T;
  setOnRequestHook?(hook: Hook): void;
  setOnResponseHook?(hook: Hook): void;
}

const QUIET_ROUTES = /^\/(health\/|metrics$)/;

/**
 * Installs the per-request plumbing on the Fastify instance: correlation (read or generated, kept in
 * AsyncLocalStorage for the handler, echoed on every response), the request log line and the
 * http_request_duration_seconds histogram.
 */
@Injectable()
export class HttpServerHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
    @Inject(APP_PINO) private readonly log: PinoInstance,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as unknown as HookableAdapter | undefined;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();

    const onRequest: Hook = (req, reply, done) => {
      const ctx = Correlation.fromHeaders(req.headers);
      setRequestCorrelation(req, ctx);
      void reply.header(CORRELATION_HEADER, ctx.correlationId);
      if (ctx.traceparent) void reply.header(TRACEPARENT_HEADER, ctx.traceparent);
      Correlation.run(ctx, done);
    };
    const onResponse: Hook = (req, reply, done) => {
      try {
        this.record(req, reply);
      } finally {
        done();
      }
    };
    // The adapter's own hooks run before Nest middleware (middie), so middleware sees the correlation too.
    if (adapter.setOnRequestHook) adapter.setOnRequestHook(onRequest);
    else fastify.addHook('onRequest', onRequest);
    if (adapter.setOnResponseHook) adapter.setOnResponseHook(onResponse);
    else fastify.addHook('onResponse', onResponse);

    // Body parsing leaves the async context; re-enter it for the handler (only then: a request without
    // a body is still inside the context onRequest opened). Without an async context, nothing to re-enter.
    if (AsyncContext.enabled()) {
      fastify.addHook('preHandler', (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
        const ctx = requestCorrelation(req);
        if (ctx && Correlation.current() !== ctx) Correlation.run(ctx, done);
        else done();
      });
    }
    // Nest maps Fastify errors (bad JSON, body too large, media type) to plain HttpExceptions before the
    // filter sees them; keep the original so the filter can name the problem precisely.
    fastify.addHook('onError', (req: FastifyRequest, _reply: FastifyReply, error: Error, done: () => void) => {
      setRequestError(req, error);
      done();
    });
    // Error paths may rebuild the reply: make sure the correlation headers are on every response.
    fastify.addHook(
      'onSend',
      (
        req: FastifyRequest,
        reply: FastifyReply,
        payload: unknown,
        done: (err: Error | null, payload?: unknown) => void,
      ) => {
        const ctx = requestCorrelation(req);
        if (ctx && !reply.hasHeader(CORRELATION_HEADER)) {
          void reply.header(CORRELATION_HEADER, ctx.correlationId);
          if (ctx.traceparent) void reply.header(TRACEPARENT_HEADER, ctx.traceparent);
        }
        done(null, payload);
      },
    );
  }

  /** Histogram children by method, route and status: label hashing once per combination, not per request. */
  private readonly durations = new Map<string, { observe(value: number): void }>();

  private record(req: FastifyRequest, reply: FastifyReply): void {
    const route = req.routeOptions?.url ?? 'unmatched';
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    const key = `${req.method} ${status} ${route}`;
    let duration = this.durations.get(key);
    if (!duration) {
      if (this.durations.size >= MAX_LABEL_SETS) this.durations.clear();
      duration = this.metrics.httpRequestDuration.labels({ method: req.method, route, status: String(status) });
      this.durations.set(key, duration);
    }
    duration.observe(durationMs / 1000);
    const level = QUIET_ROUTES.test(route) ? 'debug' : status >= 500 ? 'warn' : 'info';
    if (!this.log.isLevelEnabled(level)) return;
    const ctx = requestCorrelation(req);
    const write = () => {
      const line = {
        method: req.method,
        url: req.url,
        route,
        status,
        durationMs: Math.round(durationMs * 100) / 100,
        correlationId: ctx?.correlationId,
      };
      this.log[level](line, 'request completed');
    };
    if (ctx) Correlation.run(ctx, write);
    else write();
  }
}

/** Bound on the cached histogram children (route templates are few; statuses and methods too). */
const MAX_LABEL_SETS = 1000;
