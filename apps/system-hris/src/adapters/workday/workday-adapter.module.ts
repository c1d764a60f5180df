import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { HRIS_ADAPTER } from '../hris-adapter';
import { WorkdayClient } from './workday-client';
import { WorkdayHrisAdapter } from './workday-hris.adapter';
import { workdayConfig } from './workday.config';

/** Provides HRIS_ADAPTER backed by Workday. */
@Module({
  imports: [ConfigModule.forFeature(workdayConfig)],
  providers: [WorkdayClient, WorkdayHrisAdapter, { provide: HRIS_ADAPTER, useExisting: WorkdayHrisAdapter }],
  exports: [HRIS_ADAPTER, WorkdayClient],
})
export class WorkdayAdapterModule {}
