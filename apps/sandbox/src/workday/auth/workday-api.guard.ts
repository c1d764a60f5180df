import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WorkdayApiError } from '../common/workday-api.error';
import { FaultedRequest, WorkdayFaultsService } from '../control/workday-faults.service';
import { WorkdayRateLimiter } from '../limits/workday-rate-limiter.service';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';
import { WorkdayTokenService } from './workday-token.service';

function tenantOf(request: FastifyRequest): string | undefined {
  return (request.params as Record<string, string> | undefined)?.tenant;
}

/**
 * Front door of the REST and RaaS endpoints: injected faults, the tenant in the path (404 for
 * another), the rate limit (429 + Retry-After), then `Authorization: Bearer <access token>` (401).
 */
@Injectable()
export class WorkdayApiGuard implements CanActivate {
  constructor(
    private readonly faults: WorkdayFaultsService,
    private readonly tokens: WorkdayTokenService,
    private readonly limiter: WorkdayRateLimiter,
    @Inject(workdaySandboxConfig.KEY) private readonly config: WorkdaySandboxSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    await this.faults.apply(request);
    if (tenantOf(request) !== this.config.tenant) throw WorkdayApiError.notFound('Invalid tenant.');
    this.limiter.consume();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    await this.tokens.verify(match?.[1]);
    return true;
  }
}

/** The token endpoint: faults, tenant, rate limit (no bearer: it issues them). */
@Injectable()
export class WorkdayTokenGuard implements CanActivate {
  constructor(
    private readonly faults: WorkdayFaultsService,
    private readonly limiter: WorkdayRateLimiter,
    @Inject(workdaySandboxConfig.KEY) private readonly config: WorkdaySandboxSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    await this.faults.apply(request);
    if (tenantOf(request) !== this.config.tenant) throw WorkdayApiError.notFound('Invalid tenant.');
    this.limiter.consume();
    return true;
  }
}
