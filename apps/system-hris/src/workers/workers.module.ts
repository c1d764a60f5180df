import { Module } from '@nestjs/common';
import { WorkdayAdapterModule } from '../adapters/workday/workday-adapter.module';
import { RolesModule } from '../roles/roles.module';
import { WorkersController } from './workers.controller';
import { WorkersService } from './workers.service';

@Module({
  imports: [WorkdayAdapterModule, RolesModule],
  controllers: [WorkersController],
  providers: [WorkersService],
})
export class WorkersModule {}
