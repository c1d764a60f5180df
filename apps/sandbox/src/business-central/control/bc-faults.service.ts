import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { FaultPlan } from '../../common/fault-plan';

/** Fault injection of the Business Central sandbox (one plan per app instance). */
@Injectable()
export class BcFaultsService extends FaultPlan implements OnModuleDestroy {
  onModuleDestroy(): void {
    this.release();
  }
}
