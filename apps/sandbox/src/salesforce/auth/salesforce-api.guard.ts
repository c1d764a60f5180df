import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { SandboxFaultsService } from '../control/sandbox-faults.service';
import { ApiUsageService } from '../limits/api-usage.service';
import { isSupportedApiVersion } from '../common/api-versions';
import { OAuthTokenService } from './oauth-token.service';

/**
 * Front door of the REST API (`/services/data/vXX.X/...`): injected faults, the API version in the
 * path, the bearer session (`Authorization: Bearer <token>`, or the legacy `OAuth <token>`), then the
 * daily request count (`Sforce-Limit-Info` on the response; 403 past the limit).
 */
@Injectable()
export class SalesforceApiGuard implements CanActivate {
  constructor(
    private readonly faults: SandboxFaultsService,
    private readonly tokens: OAuthTokenService,
    private readonly usage: ApiUsageService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    await this.faults.apply(request.url);
    const version = (request.params as Record<string, string> | undefined)?.version;
    if (version !== undefined && !isSupportedApiVersion(version)) throw SalesforceApiError.notFound();
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    await this.tokens.verify(match?.[1]);
    const usage = await this.usage.consume();
    void reply.header('Sforce-Limit-Info', ApiUsageService.header(usage));
    if (usage.used > usage.limit) throw ApiUsageService.limitExceeded();
    return true;
  }
}

/** Faults only (the OAuth endpoints and the unauthenticated version list). */
@Injectable()
export class SandboxFaultGuard implements CanActivate {
  constructor(private readonly faults: SandboxFaultsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.faults.apply(context.switchToHttp().getRequest<FastifyRequest>().url);
    return true;
  }
}
