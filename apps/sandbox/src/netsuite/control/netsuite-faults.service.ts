import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { FaultPlan, faultFromEnv } from '../../common/fault-plan';
import { netsuiteSandboxConfig, NetSuiteSandboxSettings } from '../netsuite-sandbox.config';

/** Fault injection of the NetSuite sandbox (one plan per app instance). */
@Injectable()
export class NetSuiteFaultsService extends FaultPlan implements OnModuleDestroy {
  constructor(@Inject(netsuiteSandboxConfig.KEY) config: NetSuiteSandboxSettings) {
    super();
    const fault = faultFromEnv(config.faults, 'SANDBOX_NETSUITE_FAULTS');
    if (fault) this.set(fault);
  }

  onModuleDestroy(): void {
    this.release();
  }
}
