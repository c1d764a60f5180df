import { Body, Controller, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { NetSuiteExceptionFilter } from '../common/netsuite-exception.filter';
import { NetSuiteFaultGuard } from './netsuite-api.guard';
import { NetSuiteTokenResponse, NetSuiteTokenService } from './netsuite-token.service';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

/** This sandbox's base URL as the caller reached it. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

/** `POST /services/rest/auth/oauth2/v1/token`: OAuth 2.0 client credentials (M2M) with a JWT client assertion. */
@Controller('services/rest/auth/oauth2/v1')
@UseGuards(NetSuiteFaultGuard)
@UseFilters(NetSuiteExceptionFilter)
export class NetSuiteOAuthController {
  constructor(private readonly tokens: NetSuiteTokenService) {}

  @Post('token')
  @HttpCode(200)
  token(@Body() body: unknown, @Req() request: FastifyRequest): Promise<NetSuiteTokenResponse> {
    const params = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return this.tokens.issue(params, `${baseUrlOf(request)}${TOKEN_PATH}`);
  }
}
