import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DemoScale, scaleOfResetBody } from '../../common/demo-firm';
import { WorkdayTokenService } from '../auth/workday-token.service';
import { WorkdayRateLimiter } from '../limits/workday-rate-limiter.service';
import { WorkdaySeedService } from '../seed/workday-seed.service';
import { WorkdayWorkerEntity } from '../workers/entities/workday-worker.entity';
import { ReportEntry, toReportEntry } from '../workers/worker-views';
import { WorkdayWorkersService } from '../workers/workday-workers.service';
import { FaultSpec } from '../../common/fault-plan';
import { FaultSpecDto } from '../../common/fault-spec.dto';
import { HireWorkerDto, JobChangeDto, RateLimitDto, TerminateWorkerDto } from './dto/workday-control.dto';
import { WorkdayFaultsService } from './workday-faults.service';

function view(worker: WorkdayWorkerEntity): { id: string; employeeId: string; report: ReportEntry } {
  return { id: worker.wid, employeeId: worker.employeeId, report: toReportEntry(worker) };
}

/**
 * Test and demo control of the Workday sandbox (our API, outside `/ccx`: problem+json errors): HR's
 * business processes (hire, job change/transfer, leave, return, terminate: each bumps Last_Updated),
 * reset, state, token expiry, rate limit and faults.
 */
@ApiExcludeController()
@Controller('__sandbox')
export class WorkdayControlController {
  constructor(
    private readonly workers: WorkdayWorkersService,
    private readonly seed: WorkdaySeedService,
    private readonly tokens: WorkdayTokenService,
    private readonly limiter: WorkdayRateLimiter,
    private readonly faults: WorkdayFaultsService,
  ) {}

  @Post('reset')
  @HttpCode(200)
  reset(@Body() body?: unknown): Promise<{ scale: DemoScale; workers: number }> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    this.limiter.reset();
    return this.seed.reset(scale);
  }

  @Get('state')
  async state(): Promise<{
    workers: number;
    rateLimitPerSecond: number;
    rateLimited: number;
    fault: FaultSpec | null;
  }> {
    return {
      workers: await this.workers.count(),
      rateLimitPerSecond: this.limiter.perSecond,
      rateLimited: this.limiter.rejectedTotal,
      fault: this.faults.current() ?? null,
    };
  }

  @Post('workers')
  @HttpCode(201)
  async hire(@Body() body: HireWorkerDto) {
    return view(await this.workers.hire(body));
  }

  @Post('workers/:employeeId/job-change')
  @HttpCode(200)
  async changeJob(@Param('employeeId') employeeId: string, @Body() body: JobChangeDto) {
    return view(await this.workers.changeJob(employeeId, body));
  }

  @Post('workers/:employeeId/leave')
  @HttpCode(200)
  async leave(@Param('employeeId') employeeId: string) {
    return view(await this.workers.leave(employeeId));
  }

  @Post('workers/:employeeId/return')
  @HttpCode(200)
  async returnFromLeave(@Param('employeeId') employeeId: string) {
    return view(await this.workers.returnFromLeave(employeeId));
  }

  @Post('workers/:employeeId/terminate')
  @HttpCode(200)
  async terminate(@Param('employeeId') employeeId: string, @Body() body: TerminateWorkerDto) {
    return view(await this.workers.terminate(employeeId, body?.terminationDate));
  }

  @Post('tokens/expire')
  @HttpCode(200)
  async expireTokens(): Promise<{ expired: number }> {
    return { expired: await this.tokens.expireAll() };
  }

  @Post('rate-limit')
  @HttpCode(204)
  setRateLimit(@Body() body: RateLimitDto): void {
    this.limiter.setLimit(body.requestsPerSecond);
  }

  @Post('faults')
  @HttpCode(204)
  setFault(@Body() fault: FaultSpecDto): void {
    this.faults.set(fault);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }
}
