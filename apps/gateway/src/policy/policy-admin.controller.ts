import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BadRequestProblem, RequiresScopes } from '@app/platform';
import { AdminGuard } from '../admin/admin.guard';
import { UsageService } from './audit/usage.service';
import {
  DeprecateVersionDto,
  RetireVersionDto,
  SunsetReadinessDto,
  UsageQueryDto,
  UsageRowDto,
  VersionLifecycleDto,
} from './dto/lifecycle.dto';
import { VersionLifecycle, VersionLifecycleService } from './lifecycle/version-lifecycle.service';

const DAY_MS = 86_400_000;

function toDto(v: VersionLifecycle): VersionLifecycleDto {
  return {
    contract: v.contract,
    state: v.state,
    source: v.source,
    deprecatedAt: v.deprecatedAt?.toISOString() ?? null,
    sunset: v.sunsetAt?.toISOString() ?? null,
    successor: v.successor,
  };
}

function date(value: string | undefined, fallback: Date): Date {
  return value ? new Date(value) : fallback;
}

/** Product owners' controls: versions' lifecycle (deprecate with a sunset, retire), usage and sunset readiness. */
@ApiTags('versions')
@RequiresScopes('admin')
@UseGuards(AdminGuard)
@Controller('gateway/admin/v1')
export class PolicyAdminController {
  constructor(
    private readonly lifecycles: VersionLifecycleService,
    private readonly usageReports: UsageService,
  ) {}

  /** Every published product version with its effective lifecycle. */
  @Get('versions')
  @ApiOperation({ operationId: 'listVersions', summary: 'List product versions and their lifecycle' })
  listVersions(): VersionLifecycleDto[] {
    return this.lifecycles.list().map(toDto);
  }

  /** Marks a version deprecated with a sunset date: Deprecation, Sunset and Link headers, then 410 after the sunset. */
  @Post('versions/:contract/deprecate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'deprecateVersion', summary: 'Deprecate a version with a sunset date' })
  async deprecate(
    @Param('contract') contract: string,
    @Body() body: DeprecateVersionDto,
  ): Promise<VersionLifecycleDto> {
    return toDto(await this.lifecycles.deprecate(contract, new Date(body.sunset), body.successor));
  }

  /** Retires a version at once: every call answers 410 Gone naming the successor. */
  @Post('versions/:contract/retire')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retireVersion', summary: 'Retire a version' })
  async retire(@Param('contract') contract: string, @Body() body: RetireVersionDto): Promise<VersionLifecycleDto> {
    return toDto(await this.lifecycles.retire(contract, body.successor));
  }

  /** Drops the override: the lifecycle published in the contract applies again. */
  @Post('versions/:contract/reset')
  @HttpCode(200)
  @ApiOperation({ operationId: 'resetVersionLifecycle', summary: 'Return to the published lifecycle' })
  async reset(@Param('contract') contract: string): Promise<VersionLifecycleDto> {
    return toDto(await this.lifecycles.reset(contract));
  }

  /** Calls per consumer per product version per UTC day, error rate and p95 latency. */
  @Get('usage')
  @ApiOperation({ operationId: 'getUsage', summary: 'Usage per consumer, version and day' })
  async usage(@Query() q: UsageQueryDto): Promise<UsageRowDto[]> {
    const to = date(q.to, new Date());
    const from = date(q.from, new Date(to.getTime() - 30 * DAY_MS));
    if (from >= to) throw new BadRequestProblem('from must be before to');
    return this.usageReports.usage({ from, to, consumerId: q.consumerId, contract: q.contract });
  }

  /** Which consumers still call a deprecated or retired version, how often and when last (default: 30 days). */
  @Get('usage/sunset-readiness')
  @ApiOperation({ operationId: 'getSunsetReadiness', summary: 'Consumers still calling deprecated versions' })
  async sunsetReadiness(@Query() q: UsageQueryDto): Promise<SunsetReadinessDto[]> {
    return this.usageReports.sunsetReadiness(date(q.from, new Date(Date.now() - 30 * DAY_MS)));
  }
}
