import { Body, Controller, HttpCode, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SalesforceExceptionFilter } from '../common/salesforce-exception.filter';
import { SandboxFaultGuard } from './salesforce-api.guard';
import { OAuthTokenService, TokenResponse } from './oauth-token.service';

/** This sandbox's own base URL as the caller reached it (Salesforce's `instance_url`). */
export function instanceUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

function params(body: unknown, query: Record<string, unknown>): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? { ...query, ...(body as Record<string, unknown>) }
    : query;
}

/** `POST /services/oauth2/token` (client credentials) and `POST /services/oauth2/revoke`. */
@Controller('services/oauth2')
@UseGuards(SandboxFaultGuard)
@UseFilters(SalesforceExceptionFilter)
export class OAuthController {
  constructor(private readonly tokens: OAuthTokenService) {}

  @Post('token')
  @HttpCode(200)
  token(
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ): Promise<TokenResponse> {
    return this.tokens.issue(params(body, query), instanceUrlOf(request));
  }

  @Post('revoke')
  @HttpCode(200)
  async revoke(@Body() body: unknown, @Query() query: Record<string, unknown>): Promise<void> {
    const token = params(body, query).token;
    if (typeof token === 'string' && token !== '') await this.tokens.revoke(token);
  }
}
