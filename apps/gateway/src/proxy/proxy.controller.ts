import { ArgumentsHost, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_PINO, NotFoundProblem, ProblemError, ProblemFilter } from '@app/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoInstance } from 'pino';
import { ContractRegistry } from '../contracts/contract-registry.service';
import { AuthenticationService } from '../identity/authentication.service';
import { callContext } from '../policy/call-context';
import { IdempotencyService } from '../policy/idempotency/idempotency.service';
import { VersionLifecycleService } from '../policy/lifecycle/version-lifecycle.service';
import type { WithRawBody } from '../policy/policy.hooks';
import { RateLimitService } from '../policy/rate-limit/rate-limit.service';
import { authorize, checkIpAllowList } from '../policy/scopes';
import { ProxyService } from './proxy.service';

/**
 * The public edge for every layer's API, one policy chain in this order: credentials (401), the
 * consumer's IP allow-list (403), rate limit and quota (429; RateLimit headers on every answer), the
 * contract's operation (404/405), product version and scopes (403), the version's lifecycle (410 or
 * deprecation headers), request validation against the contract (400 listing every violation),
 * Idempotency-Key on POST/PATCH (replay, 409, 422), then the call is forwarded and streamed back.
 * Request-head limits, path traversal and CR/LF are refused earlier (PolicyHooks); the audit record
 * is written when the response is sent.
 *
 * It is a plain Fastify route, not a Nest controller: the hot path of every call skips Nest's router
 * (its execution context, pipes and exception zone), which the gateway's throughput bar needs
 * (docs/performance.md). Errors still become problem+json through the platform's ProblemFilter.
 */
@Injectable()
export class ProxyController implements OnModuleInit {
  private readonly problems: ProblemFilter;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_PINO) log: PinoInstance,
    private readonly contracts: ContractRegistry,
    private readonly auth: AuthenticationService,
    private readonly limits: RateLimitService,
    private readonly lifecycles: VersionLifecycleService,
    private readonly idempotency: IdempotencyService,
    private readonly proxy: ProxyService,
  ) {
    this.problems = new ProblemFilter(log);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const handler = (req: FastifyRequest, reply: FastifyReply): Promise<void> =>
      this.forward(req, reply).catch((err: unknown) => this.problems.catch(err, httpHost(req, reply)));
    for (const layer of ['system', 'process', 'experience']) {
      fastify.route({ method: ROUTE_METHODS, url: `/${layer}/*`, handler });
    }
  }

  async forward(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ctx = callContext(req);
    try {
      const consumer = await this.auth.authenticate(req);
      ctx.consumer = consumer;
      checkIpAllowList(consumer, req.ip);
      await this.limits.admit(consumer, reply);

      const q = req.url.indexOf('?');
      const urlPath = q === -1 ? req.url : req.url.slice(0, q);
      const route = this.contracts.match(req.method, urlPath);
      if (!route) {
        if (this.contracts.hasPath(urlPath)) {
          throw new ProblemError({
            status: 405,
            type: 'method-not-allowed',
            title: 'Method Not Allowed',
            detail: `${req.method} is not an operation of ${urlPath}`,
          });
        }
        throw new NotFoundProblem(`No published contract declares ${req.method} ${urlPath}`);
      }
      const op = route.operation;
      ctx.operation = op;
      authorize(consumer, op);
      this.lifecycles.apply(op.contract, reply);

      const violations = op.validate({
        params: route.params,
        query: req.query as Record<string, unknown>,
        headers: req.headers,
        body: req.body,
        hasBody: req.body !== undefined && req.body !== null,
      });
      if (violations.length) {
        throw new ProblemError({
          status: 400,
          type: 'validation-failed',
          title: 'Validation failed',
          detail: `The request does not match the contract of ${op.operationId}: ${violations.map((v) => v.message).join('; ')}`,
          extra: { errors: violations },
        });
      }

      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && (req.method === 'POST' || req.method === 'PATCH')) {
        return await this.forwardIdempotent(op.app, key, req, reply);
      }
      await this.proxy.forward(op.app, req, reply, consumer);
    } catch (err) {
      if (err instanceof ProblemError) ctx.reason = err.type;
      throw err;
    }
  }

  private async forwardIdempotent(app: string, key: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    IdempotencyService.validateKey(key);
    const consumer = callContext(req).consumer!;
    const raw = (req as unknown as WithRawBody).rawBody;
    const hash = IdempotencyService.requestHash(
      req.method,
      req.url,
      raw ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
    );
    const claim = await this.idempotency.claim(consumer.consumerId, key, hash);
    if (claim.kind === 'replay') {
      callContext(req).reason = 'idempotent-replay';
      reply.status(claim.status);
      for (const [name, value] of Object.entries(claim.headers)) void reply.header(name, value);
      void reply.header('Idempotent-Replayed', 'true');
      return reply.send(claim.body);
    }
    let done = false;
    try {
      await this.proxy.forward(app, req, reply, consumer, {
        onComplete: (status, headers, body) => {
          done = true;
          const store = body
            ? this.idempotency.complete(claim.id, status, headers, body)
            : this.idempotency.release(claim.id);
          store.catch(() => this.idempotency.release(claim.id).catch(() => undefined));
        },
      });
    } catch (err) {
      if (!done) await this.idempotency.release(claim.id).catch(() => undefined);
      throw err;
    }
  }
}

const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The one piece of Nest's ArgumentsHost the problem filter reads. */
function httpHost(req: FastifyRequest, reply: FastifyReply): ArgumentsHost {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply, getNext: () => undefined }),
  } as unknown as ArgumentsHost;
}
