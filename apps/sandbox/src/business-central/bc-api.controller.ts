import { All, Body, Controller, Headers, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BcTokenService } from './auth/bc-token.service';
import { businessCentralSandboxConfig, BusinessCentralSandboxSettings } from './business-central-sandbox.config';
import { BcError } from './common/bc-error';
import { BcExceptionFilter } from './common/bc-exception.filter';
import { BcFaultsService } from './control/bc-faults.service';
import { BcRateLimiter } from './control/bc-rate-limiter';
import { BcEntitiesService, BcListQuery } from './entities/bc-entities.service';
import { BcSubscriptionsService } from './subscriptions/bc-subscriptions.service';

const SEGMENT = /^([A-Za-z.]+)(?:\((?:'([^']*)'|([^)]*))\))?$/;

interface Segment {
  name: string;
  key?: string;
}

function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = SEGMENT.exec(decodeURIComponent(s));
      if (!m) throw new BcError(400, 'BadRequest_InvalidPath', `The request URI is not valid: '${s}'.`);
      return { name: m[1], key: m[2] ?? m[3] };
    });
}

function intOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new BcError(400, 'BadRequest', `Invalid value for ${name}.`);
  return Number(value);
}

/**
 * The Business Central API v2.0 tree, `/v2.0/{tenant}/{environment}/api/v2.0/...`, parsed as OData
 * paths: companies, entity sets, entities, document lines, bound actions and subscriptions; and the
 * Entra token endpoint `/{tenant}/oauth2/v2.0/token`.
 */
@Controller()
@UseFilters(BcExceptionFilter)
export class BcApiController {
  constructor(
    private readonly tokens: BcTokenService,
    private readonly entities: BcEntitiesService,
    private readonly subscriptions: BcSubscriptionsService,
    private readonly faults: BcFaultsService,
    private readonly limiter: BcRateLimiter,
    @Inject(businessCentralSandboxConfig.KEY) private readonly config: BusinessCentralSandboxSettings,
  ) {}

  @Post(':tenant/oauth2/v2.0/token')
  async token(
    @Param('tenant') tenant: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.applyFault(req);
    const params = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    void reply.status(200).send(await this.tokens.issue(tenant, params));
  }

  @All('v2.0/*')
  async api(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('prefer') prefer: string | undefined,
  ): Promise<void> {
    const url = new URL(req.url, 'http://sandbox');
    const [, version, tenant, environment, api, apiVersion, ...rest] = url.pathname.split('/');
    if (
      version !== 'v2.0' ||
      tenant !== this.config.tenantId ||
      environment !== this.config.environment ||
      api !== 'api' ||
      apiVersion !== 'v2.0'
    ) {
      throw new BcError(
        404,
        'BadRequest_NotFound',
        `No API at ${url.pathname} (tenant ${this.config.tenantId}, environment ${this.config.environment}, api/v2.0).`,
      );
    }
    const after = await this.applyFault(req);
    const principal = await this.tokens.verify(req.headers.authorization);
    this.limiter.consume(principal);
    const base = `${req.protocol}://${req.headers.host ?? req.hostname}/v2.0/${tenant}/${environment}/api/v2.0`;
    const segments = parsePath(rest.join('/'));
    const query = Object.fromEntries(url.searchParams.entries());
    const method = req.method.toUpperCase();
    const result = await this.route(method, segments, query, body, ifMatch, prefer, base, url);
    if (after) throw after;
    if (result.headers) for (const [k, v] of Object.entries(result.headers)) void reply.header(k, v);
    if (result.body === undefined) void reply.status(result.status).send();
    else
      void reply
        .status(result.status)
        .header(
          'content-type',
          'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
        )
        .send(result.body);
  }

  private async route(
    method: string,
    segments: Segment[],
    query: Record<string, string>,
    body: unknown,
    ifMatch: string | undefined,
    prefer: string | undefined,
    base: string,
    url: URL,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const [first, second, third] = segments;
    if (!first) throw new BcError(404, 'BadRequest_NotFound', 'No resource.');
    if (first.name === 'subscriptions') {
      const resourceOf = (s: { resource: string }) => s.resource;
      if (method === 'POST' && !first.key)
        return { status: 201, body: await this.subscriptions.create(body, resourceOf) };
      if (method === 'GET' && !first.key)
        return {
          status: 200,
          body: {
            '@odata.context': `${base}/$metadata#subscriptions`,
            value: await this.subscriptions.list(resourceOf),
          },
        };
      if (method === 'GET' && first.key)
        return { status: 200, body: await this.subscriptions.get(first.key, resourceOf) };
      if (method === 'PATCH' && first.key)
        return { status: 200, body: await this.subscriptions.renew(first.key, ifMatch, body, resourceOf) };
      if (method === 'DELETE' && first.key) {
        await this.subscriptions.remove(first.key);
        return { status: 204 };
      }
      throw new BcError(405, 'BadRequest_MethodNotAllowed', `${method} is not allowed on subscriptions.`);
    }
    if (first.name !== 'companies')
      throw new BcError(404, 'BadRequest_NotFound', `Resource not found for the segment '${first.name}'.`);
    if (!first.key) {
      if (method !== 'GET' || second)
        throw new BcError(400, 'BadRequest', 'Entities are addressed within a company: companies({id})/...');
      const companies = await this.entities.companies();
      return {
        status: 200,
        body: {
          '@odata.context': `${base}/$metadata#companies`,
          value: companies.map((c) => ({
            id: c.id,
            systemVersion: '24.0.16410.0',
            timestamp: 0,
            name: c.name,
            displayName: c.displayName,
            businessProfileId: '',
            systemCreatedAt: '2025-01-01T00:00:00Z',
            systemCreatedBy: '00000000-0000-0000-0000-000000000001',
            systemModifiedAt: '2025-01-01T00:00:00Z',
            systemModifiedBy: '00000000-0000-0000-0000-000000000001',
          })),
        },
      };
    }
    const company = await this.entities.company(first.key);
    if (!second) {
      if (method !== 'GET') throw new BcError(405, 'BadRequest_MethodNotAllowed', 'Companies are read-only.');
      return {
        status: 200,
        body: {
          '@odata.context': `${base}/$metadata#companies/$entity`,
          id: company.id,
          name: company.name,
          displayName: company.displayName,
        },
      };
    }
    const def = this.entities.setOrThrow(second.name);
    if (def.name.endsWith('Lines'))
      throw new BcError(404, 'BadRequest_NotFound', `${def.name} are addressed through their document.`);
    const context = `${base}/$metadata#companies(${company.id})/${def.name}`;
    if (!second.key) {
      if (method === 'GET') return this.listResponse(company.id, def.name, query, prefer, context, url);
      if (method === 'POST') {
        const created = await this.entities.create(company.id, def, body);
        return {
          status: 201,
          body: { '@odata.context': `${context}/$entity`, ...this.entities.render(created) },
          headers: { location: `${base}/companies(${company.id})/${def.name}(${created.id})` },
        };
      }
      throw new BcError(405, 'BadRequest_MethodNotAllowed', `${method} is not allowed on a collection.`);
    }
    if (third) {
      if (third.name.startsWith('Microsoft.NAV.')) {
        if (method !== 'POST')
          throw new BcError(405, 'BadRequest_MethodNotAllowed', 'Bound actions are invoked with POST.');
        await this.entities.action(company.id, def, second.key, third.name.slice('Microsoft.NAV.'.length));
        return { status: 204 };
      }
      if (def.lines !== third.name)
        throw new BcError(404, 'BadRequest_NotFound', `Resource not found for the segment '${third.name}'.`);
      const doc = await this.entities.findOrThrow(company.id, def, second.key);
      const lineDef = this.entities.setOrThrow(def.lines);
      if (method === 'GET')
        return this.listResponse(
          company.id,
          lineDef.name,
          query,
          prefer,
          `${context}(${doc.id})/${lineDef.name}`,
          url,
          doc.id,
        );
      if (method === 'POST') {
        const line = await this.entities.create(company.id, lineDef, body, { parentId: doc.id });
        return {
          status: 201,
          body: { '@odata.context': `${context}(${doc.id})/${lineDef.name}/$entity`, ...this.entities.render(line) },
        };
      }
      throw new BcError(405, 'BadRequest_MethodNotAllowed', `${method} is not allowed on ${third.name}.`);
    }
    switch (method) {
      case 'GET': {
        const found = await this.entities.findOrThrow(company.id, def, second.key);
        const out: Record<string, unknown> = {
          '@odata.context': `${context}/$entity`,
          ...this.entities.render(found, query.$select?.split(',')),
        };
        if (def.lines && query.$expand === def.lines) {
          out[def.lines] = (
            await this.entities.list(company.id, this.entities.setOrThrow(def.lines), {}, found.id)
          ).map((l) => this.entities.render(l));
        }
        return { status: 200, body: out };
      }
      case 'PATCH': {
        const updated = await this.entities.update(company.id, def, second.key, body, ifMatch);
        return { status: 200, body: { '@odata.context': `${context}/$entity`, ...this.entities.render(updated) } };
      }
      case 'DELETE':
        await this.entities.remove(company.id, def, second.key, ifMatch);
        return { status: 204 };
      default:
        throw new BcError(405, 'BadRequest_MethodNotAllowed', `${method} is not allowed on an entity.`);
    }
  }

  private async listResponse(
    companyId: string,
    set: string,
    query: Record<string, string>,
    prefer: string | undefined,
    context: string,
    url: URL,
    parentId?: string,
  ) {
    const def = this.entities.setOrThrow(set);
    const options: BcListQuery = {
      filter: query.$filter,
      top: intOption(query.$top, '$top'),
      skip: intOption(query.$skip, '$skip'),
      select: query.$select?.split(',').map((s) => s.trim()),
      orderby: query.$orderby,
    };
    const all = await this.entities.list(companyId, def, options, parentId);
    const requested = /odata\.maxpagesize=(\d+)/i.exec(prefer ?? '')?.[1];
    const pageSize = Math.min(
      requested ? Math.max(1, Number(requested)) : this.config.maxPageSize,
      this.config.maxPageSize,
    );
    const offset = intOption(query.$skiptoken, '$skiptoken') ?? 0;
    const page = all.slice(offset, offset + pageSize);
    const body: Record<string, unknown> = {
      '@odata.context': context,
      value: page.map((r) => this.entities.render(r, options.select)),
    };
    if (offset + pageSize < all.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', String(offset + pageSize));
      body['@odata.nextLink'] =
        `${context.split('/$metadata')[0]}${next.pathname.slice(next.pathname.indexOf('/api/v2.0') + '/api/v2.0'.length)}${next.search}`;
    }
    return {
      status: 200,
      body,
      headers: requested ? { 'preference-applied': `odata.maxpagesize=${pageSize}` } : undefined,
    };
  }

  /** Delays or fails the request as the active fault says; an `after` fault is returned to throw once served. */
  private async applyFault(req: FastifyRequest): Promise<BcError | undefined> {
    const decision = this.faults.decide(req.method, req.url);
    if (!decision) return undefined;
    await this.faults.sleep(decision.delayMs);
    if (decision.status === undefined) return undefined;
    const error = new BcError(
      decision.status,
      decision.status === 429 ? 'Application_TooManyRequests' : 'Internal_ServerError',
      `Fault injected by the sandbox (HTTP ${decision.status}).`,
      decision.retryAfterSeconds,
    );
    if (decision.phase === 'after') return error;
    throw error;
  }
}
