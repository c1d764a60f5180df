import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClosedWonKpiEntity } from './closed-won-kpi.entity';
import { ClosedWonConsumer } from './closed-won.consumer';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [TypeOrmModule.forFeature([ClosedWonKpiEntity])],
  controllers: [DashboardController],
  providers: [DashboardService, ClosedWonConsumer],
  exports: [ClosedWonConsumer],
})
export class DashboardModule {}
