import fastifyCors from '@fastify/cors';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { requestCorrelation } from '@app/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ConsumerIdentity } from '../identity/identity';
import { AuditService } from './audit/audit.service';
import { callContext, peekCallContext } from './call-context';
import {
  checkRequestTarget,
  GuardRefusal,
  headerBytes,
  PROBLEM_CONTENT_TYPE,
  refusalBody,
} from './hardening/request-guards';
import { apiSecurityHeaders, PAGE_PATHS, securityHeaders } from './hardening/security-headers';
import { policyConfig } from './policy.config';

const NOT_AUDITED = /^\/(?:health\/|metrics(?:$|\?))/;

/** A body parser for JSON that keeps the bytes (forwarded and hashed as sent). */
export interface WithRawBody {
  rawBody?: Buffer;
}

/**
 * The gateway's server-level policy: security headers (helmet's, computed once), the CORS allow-list, request-head
 * limits (431) and request-target checks (path traversal, CR/LF: 400) before any route runs, JSON
 * bodies kept raw, and the audit record of every call written when its response is sent.
 */
@Injectable()
export class PolicyHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly audit: AuditService,
    @Inject(policyConfig.KEY) private readonly config: ConfigType<typeof policyConfig>,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.addHook !== 'function') return;

    // Security headers, computed once: helmet's full set on pages (portal, contracts index), the
    // OWASP REST set on API answers (see hardening/security-headers).
    const pageHeaders = securityHeaders();
    const apiHeaders = apiSecurityHeaders();

    // CORS only when origins are allowed (none: no cross-origin access, and no per-request cost).
    // Not awaited: awaiting would load the routes before Nest installs its error handler; the plugin
    // loads with the rest when the server starts.
    const origins = new Set(this.config.corsOrigins);
    if (origins.size) this.cors(fastify, origins);

    this.keepRawJson(fastify);

    const maxHeaderBytes = this.config.maxHeaderBytes;
    fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      // one hook for the security headers and the request-head checks (each hook costs every call)
      void reply.headers(PAGE_PATHS.test(req.url) ? pageHeaders : apiHeaders);
      let refusal: GuardRefusal | undefined;
      if (headerBytes(req.raw.rawHeaders) > maxHeaderBytes) {
        refusal = {
          status: 431,
          type: 'request-header-fields-too-large',
          title: 'Request Header Fields Too Large',
          detail: `The request headers are larger than ${maxHeaderBytes} bytes`,
        };
      } else refusal = checkRequestTarget(req.url);
      if (!refusal) return done();
      const ctx = requestCorrelation(req);
      const instance = req.url.split('?')[0];
      callContext(req).reason = refusal.type;
      void reply
        .code(refusal.status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(
          refusalBody(refusal, instance.length > 200 ? `${instance.slice(0, 200)}...` : instance, ctx?.correlationId),
        );
    });

    fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      try {
        this.record(req, reply);
      } finally {
        done();
      }
    });

    // Heads Node itself refuses (larger than its limit, malformed, CR/LF in a header): problem+json too.
    const server = fastify.server;
    server.removeAllListeners('clientError');
    server.on('clientError', (err: Error & { code?: string }, socket: Socket) => this.clientError(err, socket));
  }

  private cors(fastify: FastifyInstance, origins: Set<string>): void {
    void fastify.register(fastifyCors, {
      origin: (origin, cb) => cb(null, origin !== undefined && origins.has(origin)),
      credentials: false,
      exposedHeaders: [
        'RateLimit',
        'RateLimit-Policy',
        'Retry-After',
        'Deprecation',
        'Sunset',
        'Link',
        'Idempotent-Replayed',
        'X-Correlation-Id',
      ],
      allowedHeaders: [
        'Content-Type',
        'X-API-Key',
        'Authorization',
        'Idempotency-Key',
        'X-Correlation-Id',
        'traceparent',
      ],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }

  private keepRawJson(fastify: FastifyInstance): void {
    const { onProtoPoisoning, onConstructorPoisoning, bodyLimit } = fastify.initialConfig;
    const parse = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
    if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
      (req as unknown as WithRawBody).rawBody = body as Buffer;
      void parse(req, body as unknown as string, done);
    });
  }

  private record(req: FastifyRequest, reply: FastifyReply): void {
    if (NOT_AUDITED.test(req.url)) return;
    const ctx = peekCallContext(req);
    const op = ctx?.operation ?? null;
    // the admin API authenticates in its guard, which keeps the identity on the request
    const consumer = ctx?.consumer ?? (req as FastifyRequest & { identity?: ConsumerIdentity }).identity ?? null;
    const status = reply.statusCode;
    const length = reply.getHeader('content-length');
    const bytesOut =
      typeof length === 'string' || typeof length === 'number' ? Number(length) : Math.max(0, ctx?.bytesOut ?? 0);
    const inLength = req.headers['content-length'];
    this.audit.record({
      at: Date.now(),
      consumerId: consumer?.consumerId ?? null,
      consumerName: consumer?.name ?? null,
      contract: op?.contract ?? null,
      product: op?.product ?? null,
      version: op?.version ?? null,
      operationId: op?.operationId ?? null,
      method: req.method,
      path: req.url.split('?')[0].slice(0, 2000),
      status,
      latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
      bytesIn: inLength ? Number(inLength) || 0 : 0,
      bytesOut,
      correlationId: requestCorrelation(req)?.correlationId ?? null,
      reason: ctx?.reason ?? (status >= 400 && !op ? 'rejected' : null),
      clientIp: req.ip ?? null,
    });
  }

  private clientError(err: Error & { code?: string }, socket: Socket): void {
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const refusal: GuardRefusal = tooLarge
      ? {
          status: 431,
          type: 'request-header-fields-too-large',
          title: 'Request Header Fields Too Large',
          detail: 'The request headers are larger than the server accepts',
        }
      : {
          status: 400,
          type: 'bad-request',
          title: 'Bad Request',
          detail: `The request could not be parsed (${err.code ?? 'invalid'})`,
        };
    this.audit.record({
      at: Date.now(),
      consumerId: null,
      consumerName: null,
      contract: null,
      product: null,
      version: null,
      operationId: null,
      method: '-',
      path: '-',
      status: refusal.status,
      latencyMs: 0,
      bytesIn: 0,
      bytesOut: 0,
      correlationId: null,
      reason: tooLarge ? refusal.type : 'malformed-request',
      clientIp: socket.remoteAddress ?? null,
    });
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = refusalBody(refusal, '-');
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
}

export type { IncomingMessage, ServerResponse };
