import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

  /** Runs a reconciliation now over the legal entities the caller may see; answers its reports. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: ReconciliationRunDto })
  async run(@Caller() caller: CallerIdentity): Promise<ReconciliationRunDto> {
    const reports = await this.reconciliation.run('api', caller);
    return { runId: reports[0]?.runId ?? '00000000-0000-0000-0000-000000000000', items: reports.map(toDto) };
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
