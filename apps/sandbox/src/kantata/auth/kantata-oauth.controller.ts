import { Body, Controller, Headers, HttpCode, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { KantataExceptionFilter } from '../common/kantata-exception.filter';
import { KantataBody } from '../common/kantata-json-body';
import { KantataFaultGuard } from './kantata-api.guard';
import { KantataOAuthService, KantataTokenResponse } from './kantata-oauth.service';

/** `POST /oauth/token`: Kantata's OAuth 2.0 token endpoint (form or JSON parameters). */
@Controller('oauth')
@UseGuards(KantataFaultGuard)
@UseFilters(KantataExceptionFilter)
export class KantataOAuthController {
  constructor(private readonly tokens: KantataOAuthService) {}

  @Post('token')
  @HttpCode(200)
  token(
    @Body(KantataBody) body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('authorization') authorization?: string,
  ): Promise<KantataTokenResponse> {
    const params =
      body && typeof body === 'object' && !Array.isArray(body)
        ? { ...query, ...(body as Record<string, unknown>) }
        : query;
    return this.tokens.issue(params, authorization);
  }
}
