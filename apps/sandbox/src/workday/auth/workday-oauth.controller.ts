import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Post,
  Query,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { WorkdayExceptionFilter } from '../common/workday-exception.filter';
import { WorkdayFaultAfter } from '../control/workday-faults.service';
import { WorkdayTokenGuard } from './workday-api.guard';
import { WorkdayTokenResponse, WorkdayTokenService } from './workday-token.service';

/** `POST /ccx/oauth2/{tenant}/token` (refresh-token grant; client id/secret by Basic auth or form). */
@Controller('ccx/oauth2/:tenant')
@UseGuards(WorkdayTokenGuard)
@UseFilters(WorkdayExceptionFilter)
@UseInterceptors(WorkdayFaultAfter)
export class WorkdayOAuthController {
  constructor(private readonly tokens: WorkdayTokenService) {}

  @Post('token')
  @HttpCode(200)
  token(
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<WorkdayTokenResponse> {
    const params =
      body && typeof body === 'object' && !Array.isArray(body)
        ? { ...query, ...(body as Record<string, unknown>) }
        : query;
    return this.tokens.issue(authorization, params);
  }
}
