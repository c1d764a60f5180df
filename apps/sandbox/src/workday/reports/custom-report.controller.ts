import { Controller, Get, Inject, Param, Query, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WorkdayApiGuard } from '../auth/workday-api.guard';
import { WorkdayApiError } from '../common/workday-api.error';
import { WorkdayExceptionFilter } from '../common/workday-exception.filter';
import { WorkdayFaultAfter } from '../control/workday-faults.service';
import { ReportEntry, toReportEntry } from '../workers/worker-views';
import { WorkdayWorkersService } from '../workers/workday-workers.service';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';

/**
 * Reports-as-a-Service: `GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json`.
 * One report exists, the pinned worker report (owner and name configurable); its prompt
 * `Updated_From` keeps the workers whose Last_Updated is at or after it.
 */
@ApiExcludeController()
@Controller('ccx/service/customreport2/:tenant/:owner/:report')
@UseGuards(WorkdayApiGuard)
@UseFilters(WorkdayExceptionFilter)
@UseInterceptors(WorkdayFaultAfter)
export class CustomReportController {
  constructor(
    private readonly workers: WorkdayWorkersService,
    @Inject(workdaySandboxConfig.KEY) private readonly config: WorkdaySandboxSettings,
  ) {}

  @Get()
  async run(
    @Param('owner') owner: string,
    @Param('report') report: string,
    @Query() query: Record<string, unknown>,
  ): Promise<{ Report_Entry: ReportEntry[] }> {
    if (owner !== this.config.reportOwner || report !== this.config.reportName) {
      throw WorkdayApiError.notFound(`Report not found: ${owner}/${report}`);
    }
    if (query.format !== 'json') {
      throw WorkdayApiError.invalidParameter('format', 'format must be json (the only output this sandbox serves)');
    }
    let updatedFrom: Date | undefined;
    if (query.Updated_From !== undefined) {
      const raw = String(query.Updated_From);
      const time = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : NaN;
      if (Number.isNaN(time)) {
        throw WorkdayApiError.invalidParameter('Updated_From', `Updated_From is not a valid date-time: ${raw}`);
      }
      updatedFrom = new Date(time);
    }
    const rows = await this.workers.report(updatedFrom);
    return { Report_Entry: rows.map(toReportEntry) };
  }
}
