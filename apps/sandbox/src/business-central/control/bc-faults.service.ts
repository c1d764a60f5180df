import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { FaultPlan, faultFromEnv } from '../../common/fault-plan';
import { businessCentralSandboxConfig, BusinessCentralSandboxSettings } from '../business-central-sandbox.config';

/** Fault injection of the Business Central sandbox (one plan per app instance). */
@Injectable()
export class BcFaultsService extends FaultPlan implements OnModuleDestroy {
  constructor(@Inject(businessCentralSandboxConfig.KEY) config: BusinessCentralSandboxSettings) {
    super();
    const fault = faultFromEnv(config.faults, 'SANDBOX_BUSINESS_CENTRAL_FAULTS');
    if (fault) this.set(fault);
  }

  onModuleDestroy(): void {
    this.release();
  }
}
