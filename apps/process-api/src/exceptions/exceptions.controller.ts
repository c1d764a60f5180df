import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../common/api-problems';
import { BusinessExceptionActionEntity, BusinessExceptionEntity } from './business-exception.entity';
import {
  BusinessExceptionActionRequestDto,
  BusinessExceptionIdParamsDto,
  ListBusinessExceptionsQueryDto,
} from './dto/business-exception-requests.dto';
import {
  BusinessExceptionDto,
  BusinessExceptionListDto,
  BusinessExceptionSummaryDto,
} from './dto/business-exception.dto';
import { ExceptionsService } from './exceptions.service';

@ApiTags('exceptions')
@ProductScopes('operations')
@Controller('process/operations/v1/exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: ExceptionsService) {}

  /** Business exceptions, newest first, filtered by kind, owning team, status, legal entity, business key, since. */
  @Get()
  @ApiOkResponse({ type: BusinessExceptionListDto })
  @ApiProblems(400)
  async list(
    @Query() query: ListBusinessExceptionsQueryDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BusinessExceptionListDto> {
    const page = await this.exceptions.list(
      {
        kind: query.kind,
        owningTeam: query.owningTeam,
        status: query.status,
        legalEntity: query.legalEntity,
        businessKey: query.businessKey,
        since: query.since ? new Date(query.since) : undefined,
        legalEntities: caller.entityFilter(),
      },
      { limit: query.limit, offset: query.offset },
    );
    return { items: page.items.map(toSummary), total: page.total, limit: query.limit, offset: query.offset };
  }

  /** One exception with its reasons and audit trail. */
  @Get(':id')
  @ApiOkResponse({ type: BusinessExceptionDto })
  @ApiProblems(400, 403, 404)
  async get(
    @Param() params: BusinessExceptionIdParamsDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BusinessExceptionDto> {
    return this.detail(await this.exceptions.get(params.id, caller));
  }

  /** The data was fixed: closes the exception and runs the workflow again (it raises a new one if still wrong). */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: BusinessExceptionDto })
  @ApiProblems(400, 403, 404, 409)
  async retry(
    @Param() params: BusinessExceptionIdParamsDto,
    @Body() body: BusinessExceptionActionRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BusinessExceptionDto> {
    return this.detail(await this.exceptions.retryAfterFix(params.id, body.reason, caller));
  }

  /** Closes the exception as handled (fixed by hand elsewhere). */
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: BusinessExceptionDto })
  @ApiProblems(400, 403, 404, 409)
  async resolve(
    @Param() params: BusinessExceptionIdParamsDto,
    @Body() body: BusinessExceptionActionRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BusinessExceptionDto> {
    return this.detail(await this.exceptions.resolve(params.id, body.reason, caller));
  }

  /** Closes the exception on purpose without a fix; the reason is required. */
  @Post(':id/ignore')
  @HttpCode(200)
  @ApiOkResponse({ type: BusinessExceptionDto })
  @ApiProblems(400, 403, 404, 409)
  async ignore(
    @Param() params: BusinessExceptionIdParamsDto,
    @Body() body: BusinessExceptionActionRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BusinessExceptionDto> {
    return this.detail(await this.exceptions.ignore(params.id, body.reason, caller));
  }

  private async detail(row: BusinessExceptionEntity): Promise<BusinessExceptionDto> {
    const actions = await this.exceptions.history(row.id);
    return { ...toSummary(row), actions: actions.map(toAction) };
  }
}

/** Whitelists what leaves. */
export function toSummary(e: BusinessExceptionEntity): BusinessExceptionSummaryDto {
  return {
    id: e.id,
    kind: e.kind,
    owningTeam: e.owningTeam,
    businessKey: e.businessKey,
    legalEntity: e.legalEntity,
    moneyAtStake: e.amountMinor !== null && e.currency ? { amountMinor: e.amountMinor, currency: e.currency } : null,
    reasons: [...e.reasons],
    details: { ...(e.details ?? {}) },
    source: e.source,
    status: e.status,
    occurrences: e.occurrences,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    closedAt: e.closedAt ? e.closedAt.toISOString() : null,
  };
}

function toAction(a: BusinessExceptionActionEntity) {
  return { action: a.action, actor: a.actor, reason: a.reason, at: a.at.toISOString() };
}
