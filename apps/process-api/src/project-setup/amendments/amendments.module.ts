import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingScheduleItemEntity } from '../billing-schedule.entity';
import { ProvisioningEntity } from '../provisioning.entity';
import { AmendmentWorkflow } from './amendment.workflow';
import { AmendmentsV1Controller, AmendmentsV2Controller } from './amendments.controller';
import { AmendmentsService } from './amendments.service';
import { ContractAmendmentEntity } from './contract-amendment.entity';
import { ContractPricing } from './contract-pricing.service';

/**
 * Contract amendments (change orders) and the pricing of work by date. Exports `ContractPricing`
 * (`rateOn(projectId, role, workDate)`, `priceBook(projectId)`) for billing.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ContractAmendmentEntity, ProvisioningEntity, BillingScheduleItemEntity])],
  controllers: [AmendmentsV2Controller, AmendmentsV1Controller],
  providers: [AmendmentsService, AmendmentWorkflow, ContractPricing],
  exports: [ContractPricing],
})
export class AmendmentsModule {}
