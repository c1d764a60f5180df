import { Controller, Get, Injectable, OnModuleInit, Param, UseFilters, UseGuards } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SalesforceApiGuard, SandboxFaultGuard } from '../auth/salesforce-api.guard';
import { apiVersions, ApiVersionInfo } from '../common/api-versions';
import { SalesforceExceptionFilter } from '../common/salesforce-exception.filter';
import { ApiUsageService } from '../limits/api-usage.service';

/** `GET /services/data` (no session needed), `GET /services/data/vXX.X` and `.../limits`. */
@Controller('services/data')
@UseFilters(SalesforceExceptionFilter)
export class VersionsController {
  constructor(private readonly usage: ApiUsageService) {}

  @Get()
  @UseGuards(SandboxFaultGuard)
  versions(): ApiVersionInfo[] {
    return apiVersions();
  }

  @Get(':version')
  @UseGuards(SalesforceApiGuard)
  resources(@Param('version') version: string): Record<string, string> {
    const base = `/services/data/${version}`;
    return {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      limits: `${base}/limits`,
    };
  }

  @Get(':version/limits')
  @UseGuards(SalesforceApiGuard)
  async limits(): Promise<Record<string, { Max: number; Remaining: number }>> {
    const usage = await this.usage.current();
    return { DailyApiRequests: { Max: usage.limit, Remaining: Math.max(0, usage.limit - usage.used) } };
  }
}

/**
 * Salesforce documents the version list as `GET /services/data/` (trailing slash); the Fastify
 * router treats that as a different path from the Nest route, so it is registered here as well.
 */
@Injectable()
export class TrailingSlashVersionsRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.get('/services/data/', async (_request, reply) =>
      reply.header('content-type', 'application/json;charset=UTF-8').send(apiVersions()),
    );
  }
}
