import { Controller, Get, Param, Query, Req, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { WorkdayApiGuard } from '../auth/workday-api.guard';
import { WorkdayApiError } from '../common/workday-api.error';
import { WorkdayExceptionFilter } from '../common/workday-exception.filter';
import { WorkdayFaultAfter } from '../control/workday-faults.service';
import { toSummary, WorkerSummary } from './worker-views';
import { WorkdayWorkersService } from './workday-workers.service';

export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

function integerParam(name: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const text = String(raw);
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw WorkdayApiError.invalidParameter(name, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Workday's Staffing REST resource `workers` (summary view). */
@ApiExcludeController()
@Controller('ccx/api/v1/:tenant/workers')
@UseGuards(WorkdayApiGuard)
@UseFilters(WorkdayExceptionFilter)
@UseInterceptors(WorkdayFaultAfter)
export class WorkdayWorkersController {
  constructor(private readonly workers: WorkdayWorkersService) {}

  @Get()
  async list(
    @Param('tenant') tenant: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ): Promise<{ total: number; data: WorkerSummary[] }> {
    const limit = integerParam('limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = integerParam('offset', query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const search = typeof query.search === 'string' ? query.search : undefined;
    const { total, workers } = await this.workers.list(limit, offset, search);
    const managers = await this.workers.managers(workers.map((w) => w.employeeId));
    const base = apiBase(request, tenant);
    return { total, data: workers.map((w) => toSummary(w, managers.has(w.employeeId), base)) };
  }

  @Get(':id')
  async get(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<WorkerSummary> {
    const worker = /^[0-9a-f]{32}$/.test(id) ? await this.workers.findByWid(id) : null;
    if (!worker) throw WorkdayApiError.notFound(`Invalid ID value. '${id}' is not a valid ID.`);
    const managers = await this.workers.managers([worker.employeeId]);
    return toSummary(worker, managers.has(worker.employeeId), apiBase(request, tenant));
  }
}

function apiBase(request: FastifyRequest, tenant: string): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}/ccx/api/v1/${tenant}`;
}
