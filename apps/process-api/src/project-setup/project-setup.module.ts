import { Module } from '@nestjs/common';
import { AmendmentsModule } from './amendments/amendments.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityClosedWonConsumer } from './opportunity-closed-won.consumer';
import { ProvisioningController } from './provisioning.controller';
import { ProvisioningEntity } from './provisioning.entity';
import { ProvisioningService } from './provisioning.service';
import { ProvisioningWorkflow } from './provisioning.workflow';
import { BillingScheduleItemEntity } from './billing-schedule.entity';
import { ProvisioningV2Controller } from './v2/provisioning-v2.controller';

/** Project setup: won deals in, provisionings recorded (the provisioning workflow comes next). */
@Module({
  imports: [TypeOrmModule.forFeature([ProvisioningEntity, BillingScheduleItemEntity]), AmendmentsModule],
  controllers: [ProvisioningController, ProvisioningV2Controller],
  providers: [ProvisioningService, OpportunityClosedWonConsumer, ProvisioningWorkflow],
  // contract amendments and ContractPricing (for billing)
  exports: [AmendmentsModule],
})
export class ProjectSetupModule {}
