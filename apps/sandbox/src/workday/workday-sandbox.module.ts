import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkdayApiGuard, WorkdayTokenGuard } from './auth/workday-api.guard';
import { WorkdayOAuthController } from './auth/workday-oauth.controller';
import { WorkdayTokenService } from './auth/workday-token.service';
import { WorkdayConnectionsCloser } from './control/workday-connections-closer';
import { WorkdayControlController } from './control/workday-control.controller';
import { WorkdayFaultAfter, WorkdayFaultsService } from './control/workday-faults.service';
import { WorkdayRateLimiter } from './limits/workday-rate-limiter.service';
import { CustomReportController } from './reports/custom-report.controller';
import { WorkdaySeedService } from './seed/workday-seed.service';
import { WorkdayWorkersController } from './workers/workers.controller';
import { WorkdayWorkersService } from './workers/workday-workers.service';
import { workdaySandboxConfig } from './workday-sandbox.config';
import { workdaySandboxEntities } from './workday-sandbox.entities';

/** The Workday emulator: OAuth refresh-token grant, REST workers, RaaS worker report, HR control. */
@Module({
  imports: [ConfigModule.forFeature(workdaySandboxConfig), TypeOrmModule.forFeature(workdaySandboxEntities)],
  controllers: [WorkdayOAuthController, WorkdayWorkersController, CustomReportController, WorkdayControlController],
  providers: [
    WorkdayTokenService,
    WorkdayRateLimiter,
    WorkdayFaultsService,
    WorkdayFaultAfter,
    WorkdayApiGuard,
    WorkdayTokenGuard,
    WorkdayWorkersService,
    WorkdaySeedService,
    WorkdayConnectionsCloser,
  ],
})
export class WorkdaySandboxModule {}
