import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { FaultDecision, FaultPlan, FaultSpec, faultFromEnv } from '../../common/fault-plan';
import { salesforceSandboxConfig, SalesforceSandboxSettings } from '../salesforce-sandbox.config';

/**
 * A fault injected into the Salesforce API: the shared seeded plan (status, errorRate, seed, delayMs,
 * jitterMs, phase, retryAfterSeconds, times, pathPrefix, method) plus two Salesforce-sandbox extras.
 */
export interface SalesforceFaultSpec extends FaultSpec {
  /**
   * An outage window: every matching request fails (with `status`, default 503 SERVER_UNAVAILABLE)
   * for this many milliseconds from the moment the fault is set; then the fault lifts by itself.
   */
  outageMs?: number;
  /** Matching requests are served (their effect persists) but answered (with their normal status) with a truncated, unparseable JSON body. */
  malformed?: boolean;
}

/** What happens to one request. */
export interface SalesforceFaultDecision extends FaultDecision {
  malformed: boolean;
}

/** Fault injection of the Salesforce sandbox (one seeded plan per app instance). */
@Injectable()
export class SandboxFaultsService extends FaultPlan implements OnModuleDestroy {
  private outageUntil: number | undefined;
  private malformed = false;
  private extras: Pick<SalesforceFaultSpec, 'outageMs' | 'malformed'> = {};

  constructor(@Inject(salesforceSandboxConfig.KEY) config: SalesforceSandboxSettings) {
    super();
    const fault = faultFromEnv(config.faults, 'SANDBOX_SALESFORCE_FAULTS');
    if (fault) this.set(fault);
  }

  override set(fault: SalesforceFaultSpec): void {
    const { outageMs, malformed, ...spec } = fault;
    if (outageMs !== undefined && spec.status === undefined) spec.status = 503;
    super.set(spec);
    this.outageUntil = outageMs !== undefined ? Date.now() + outageMs : undefined;
    this.malformed = malformed === true;
    this.extras = {
      ...(outageMs !== undefined ? { outageMs } : {}),
      ...(malformed !== undefined ? { malformed } : {}),
    };
  }

  override clear(): void {
    super.clear();
    this.outageUntil = undefined;
    this.malformed = false;
    this.extras = {};
  }

  override current(): SalesforceFaultSpec | undefined {
    if (this.outageOver()) this.clear();
    const spec = super.current();
    return spec ? { ...spec, ...this.extras } : undefined;
  }

  override decide(method: string, path: string): SalesforceFaultDecision | undefined {
    if (this.outageOver()) this.clear();
    const decision = super.decide(method, path);
    if (!decision) return undefined;
    return { ...decision, malformed: this.malformed && decision.status === undefined };
  }

  private outageOver(): boolean {
    return this.outageUntil !== undefined && Date.now() >= this.outageUntil;
  }

  onModuleDestroy(): void {
    this.release();
  }
}
