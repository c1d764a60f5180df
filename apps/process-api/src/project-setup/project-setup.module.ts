import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityClosedWonConsumer } from './opportunity-closed-won.consumer';
import { ProvisioningController } from './provisioning.controller';
import { ProvisioningEntity } from './provisioning.entity';
import { ProvisioningService } from './provisioning.service';
import { ProvisioningV2Controller } from './v2/provisioning-v2.controller';

/** Project setup: won deals in, provisionings recorded (the provisioning workflow comes next). */
@Module({
  imports: [TypeOrmModule.forFeature([ProvisioningEntity])],
  controllers: [ProvisioningController, ProvisioningV2Controller],
  providers: [ProvisioningService, OpportunityClosedWonConsumer],
})
export class ProjectSetupModule {}
