import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { FaultPlan } from '../../common/fault-plan';

/** Fault injection of the NetSuite sandbox (one plan per app instance). */
@Injectable()
export class NetSuiteFaultsService extends FaultPlan implements OnModuleDestroy {
  onModuleDestroy(): void {
    this.release();
  }
}
