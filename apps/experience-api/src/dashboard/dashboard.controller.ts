import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { DashboardService } from './dashboard.service';
import { KpisDto } from './dto/kpis.dto';

@ApiTags('dashboard')
@ProductScopes('dashboard')
@Controller('experience/dashboard/v1')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Key figures for the operations dashboard, from the experience layer's own projections. */
  @Get('kpis')
  @ApiOkResponse({ type: KpisDto })
  kpis(@Caller() caller: CallerIdentity): Promise<KpisDto> {
    return this.dashboard.kpisNow(caller);
  }
}
