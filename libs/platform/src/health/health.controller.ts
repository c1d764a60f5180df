import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Logger as PinoInstance } from 'pino';
import { ProblemError } from '../errors/problem-error';
import { APP_PINO } from '../logging/logging.constants';
import { DependenciesReport, DependencyRegistry } from './dependency-registry';
import { HEALTH_OPTIONS, HealthOptions } from './health.options';
import { PublicRoute } from '../internal-auth/caller';

/**
 * GET /health/live: the process serves HTTP. GET /health/ready: this app can serve (its own database,
 * when it has one; 503 otherwise). GET /health/dependencies: upstreams and vendors, informational, 200.
 */
/** Open without the internal token: probes and scrapers call it directly. */
@PublicRoute()
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly moduleRef: ModuleRef,
    private readonly dependencies: DependencyRegistry,
    @Inject(APP_PINO) private readonly log: PinoInstance,
    @Optional() @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions = { timeoutMs: 2000 },
  ) {}

  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [];
    const dataSource = this.dataSource();
    if (dataSource)
      checks.push(() => this.db.pingCheck('database', { connection: dataSource, timeout: this.options.timeoutMs }));
    try {
      return await this.health.check(checks);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const body = e.getResponse() as HealthCheckResult;
      const failing = Object.entries(body.error ?? {}).map(
        ([k, v]) => `${k}: ${String((v as { message?: string }).message ?? 'down')}`,
      );
      this.log.warn({ checks: body.details }, `not ready: ${failing.join('; ')}`);
      throw new ProblemError({
        status: 503,
        type: 'not-ready',
        title: 'Service Unavailable',
        detail: `Not ready: ${failing.join('; ') || 'a check failed'}`,
        extra: { checks: body.details },
      });
    }
  }

  @Get('dependencies')
  dependenciesReport(): Promise<DependenciesReport> {
    return this.dependencies.checkAll(this.options.timeoutMs);
  }

  /** This app's TypeORM DataSource if it has one (apps without a database are ready without it). */
  private dataSource(): unknown {
    try {
      return this.moduleRef.get(getDataSourceToken(), { strict: false });
    } catch {
      return undefined;
    }
  }
}
