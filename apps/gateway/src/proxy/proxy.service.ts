import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  BadGatewayProblem,
  Correlation,
  requestCorrelation,
  UpstreamTimeoutProblem,
  UpstreamUnavailableProblem,
} from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, errors as undiciErrors } from 'undici';
import { gatewayConfig } from '../gateway.config';
import type { ConsumerIdentity } from '../identity/identity';
import { InternalTokenService } from '../internal-token/internal-token.service';
import { callContext } from '../policy/call-context';
import type { WithRawBody } from '../policy/policy.hooks';

/** Hop-by-hop and credential headers never travel upstream or back. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'x-api-key',
  'authorization',
  'x-consumer-id',
]);

/**
 * Forwards a request to the app that serves it, over a keep-alive pool per upstream, and streams the
 * answer back. A slow or absent upstream gives 504/503 problem+json naming it, never a hang.
 */
@Injectable()
export class ProxyService implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pool>();

  constructor(
    @Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>,
    private readonly internalTokens: InternalTokenService,
  ) {}

  private pool(app: string): Pool {
    let pool = this.pools.get(app);
    if (!pool) {
      const origin = this.config.upstreams[app];
      if (!origin) throw new UpstreamUnavailableProblem(app, `no address is configured for ${app}`);
      pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });
      this.pools.set(app, pool);
    }
    return pool;
  }

  async forward(
    app: string,
    req: FastifyRequest,
    reply: FastifyReply,
    consumer: ConsumerIdentity,
    capture?: ResponseCapture,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    const incoming = req.headers;
    for (const name in incoming) {
      const value = incoming[name];
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    Object.assign(headers, Correlation.outgoingHeaders(requestCorrelation(req)));
    headers['x-consumer-id'] = consumer.consumerId;
    // The app behind checks this token (signed here, audience: that app) and refuses calls without it.
    headers.authorization = `Bearer ${await this.internalTokens.tokenFor(consumer, app)}`;
    headers['x-forwarded-for'] = req.ip;
    headers['x-forwarded-proto'] = req.protocol;

    const body = requestBody(req);
    const timeout = this.config.upstreamTimeoutMs;
    let upstream;
    try {
      upstream = await this.pool(app).request({
        method: req.method as 'GET',
        path: req.url,
        headers,
        body,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (err) {
      if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError) {
        throw new UpstreamTimeoutProblem(app, `${app} did not answer within ${timeout} ms`);
      }
      const code = (err as { code?: string }).code;
      if (
        code === 'ECONNREFUSED' ||
        code === 'UND_ERR_SOCKET' ||
        code === 'ECONNRESET' ||
        code === 'UND_ERR_CONNECT_TIMEOUT'
      ) {
        throw new UpstreamUnavailableProblem(app, `${app} is unavailable (${code})`);
      }
      throw new BadGatewayProblem(app, `${app} could not be reached`);
    }
    reply.status(upstream.statusCode);
    const answered = upstream.headers;
    for (const name in answered) {
      const value = answered[name];
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      void reply.header(name, value);
    }
    const length = upstream.headers['content-length'];
    if (length !== undefined && !capture) return reply.send(upstream.body);
    // Count (and, for Idempotency-Key, keep) the body while it streams to the client.
    const ctx = callContext(req);
    ctx.bytesOut = 0;
    const status = upstream.statusCode;
    const upstreamHeaders = upstream.headers;
    let chunks: Buffer[] | undefined = capture ? [] : undefined;
    upstream.body.on('data', (chunk: Buffer) => {
      ctx.bytesOut += chunk.length;
      if (chunks && ctx.bytesOut > MAX_CAPTURED_BYTES) chunks = undefined;
      chunks?.push(chunk);
    });
    if (capture) {
      let reported = false;
      const report = (complete: boolean): void => {
        if (reported) return;
        reported = true;
        capture.onComplete(status, upstreamHeaders, complete && chunks ? Buffer.concat(chunks) : undefined);
      };
      upstream.body.once('end', () => report(true));
      upstream.body.once('error', () => report(false));
      upstream.body.once('close', () => report(false));
    }
    return reply.send(upstream.body);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}

/** Responses larger than this are streamed but not kept for an idempotent replay. */
const MAX_CAPTURED_BYTES = 1024 * 1024;

/** Receives the upstream response once it has been streamed whole (body undefined: not kept). */
export interface ResponseCapture {
  onComplete(status: number, headers: Record<string, unknown>, body: Buffer | undefined): void;
}

/** The body as the client sent it: the raw bytes when the platform kept them, else re-serialised JSON. */
function requestBody(req: FastifyRequest): string | Buffer | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const raw = (req as unknown as WithRawBody).rawBody;
  if (raw) return raw;
  if (req.body === undefined || req.body === null) return undefined;
  if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) return req.body;
  return JSON.stringify(req.body);
}
