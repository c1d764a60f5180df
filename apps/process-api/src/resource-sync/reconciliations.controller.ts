import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../common/api-problems';
import {
  ListReconciliationsQueryDto,
  ReconciliationIdParamsDto,
  ReconciliationListDto,
  ReconciliationReportDto,
  ReconciliationRunDto,
} from './dto/reconciliation.dto';
import type { ReconciliationReportEntity } from './entities/reconciliation-report.entity';
import { ReconciliationService } from './reconciliation.service';

@ApiTags('reconciliations')
@ProductScopes('resource-sync')
@Controller('process/resource-sync/v1/reconciliations')
export class ReconciliationsController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  /**
   * Starts a reconciliation over the legal entities the caller may see (one already running is joined).
   * Its reports (one per legal entity) are listed under `?runId=` when it finishes.
   */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReconciliationRunDto })
  run(@Caller() caller: CallerIdentity): ReconciliationRunDto {
    const { runId, joined } = this.reconciliation.start('api', caller);
    return { runId, joined, reports: `/process/resource-sync/v1/reconciliations?runId=${runId}` };
  }

  /** Reports, newest run first, filtered by legal entity. */
  @Get()
  @ApiOkResponse({ type: ReconciliationListDto })
  @ApiProblems(400)
  async list(
    @Query() query: ListReconciliationsQueryDto,
    @Caller() caller: CallerIdentity,
  ): Promise<ReconciliationListDto> {
    const page = await this.reconciliation.list(query, caller);
    return { items: page.items.map(toDto), total: page.total, limit: query.limit, offset: query.offset };
  }

  /** One report with every mismatch and what was done about it. */
  @Get(':id')
  @ApiOkResponse({ type: ReconciliationReportDto })
  @ApiProblems(400, 403, 404)
  async get(
    @Param() params: ReconciliationIdParamsDto,
    @Caller() caller: CallerIdentity,
  ): Promise<ReconciliationReportDto> {
    return toDto(await this.reconciliation.get(params.id, caller));
  }
}

function toDto(r: ReconciliationReportEntity): ReconciliationReportDto {
  return {
    id: r.id,
    runId: r.runId,
    trigger: r.trigger as ReconciliationReportDto['trigger'],
    legalEntity: r.legalEntity,
    workersCompared: r.workersCompared,
    mismatches: r.mismatches.map((m) => ({
      workerId: m.workerId,
      legalEntity: m.legalEntity,
      kind: m.kind,
      system: m.system,
      expected: m.expected,
      actual: m.actual,
      outcome: m.outcome,
      detail: m.detail,
    })),
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
  };
}
