import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { FaultDecision, FaultPlan, FaultSpec, faultFromEnv } from '../../common/fault-plan';
import { KantataApiError, MalformedResponseFault } from '../common/kantata-api.error';
import { kantataSandboxConfig, KantataSandboxSettings } from '../kantata-sandbox.config';

/**
 * A fault injected into the Kantata API: the shared seeded plan (`src/common/fault-plan.ts`: status,
 * errorRate, seed, delayMs, jitterMs, phase, retryAfterSeconds, times, pathPrefix, method) plus, as
 * in the Salesforce sandbox, an outage window and malformed bodies.
 */
export interface KantataFault extends FaultSpec {
  /** Outage window: the fault lifts by itself this many milliseconds after it was set. */
  outageMs?: number;
  /** Answer 200 with a truncated JSON body (in the `after` phase: once the request was served). */
  malformed?: boolean;
  /** Earlier name of `errorRate` (still accepted). */
  probability?: number;
  /** Earlier name of `outageMs` (still accepted). */
  durationMs?: number;
}

/** Internal status that stands for "answer a malformed body" in the shared plan's draw. */
const MALFORMED = 200;

/** Fault injection of the Kantata sandbox (one seeded plan per app instance, in memory). */
@Injectable()
export class KantataFaultsService extends FaultPlan implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('KantataFaults');
  private outageUntil: number | undefined;
  private extras: Pick<KantataFault, 'outageMs' | 'malformed'> = {};
  /** `after`-phase decisions taken by the guard, applied by the interceptor once the request was served. */
  private readonly pending = new WeakMap<object, FaultDecision>();

  constructor(@Inject(kantataSandboxConfig.KEY) private readonly config: KantataSandboxSettings) {
    super();
  }

  onModuleInit(): void {
    const fault = faultFromEnv(this.config.faults, 'SANDBOX_KANTATA_FAULTS');
    if (!fault) return;
    this.set(fault);
    this.log.log(`fault active from start: ${this.config.faults}`);
  }

  override set(fault: KantataFault): void {
    const { outageMs: outage, malformed, probability, durationMs, ...spec } = fault;
    const outageMs = outage ?? durationMs;
    if (spec.errorRate === undefined && probability !== undefined) spec.errorRate = probability;
    if (malformed) spec.status = MALFORMED;
    else if (outageMs !== undefined && spec.status === undefined) spec.status = 503;
    super.set(spec);
    this.outageUntil = outageMs !== undefined ? Date.now() + outageMs : undefined;
    this.extras = {
      ...(outageMs !== undefined ? { outageMs } : {}),
      ...(malformed !== undefined ? { malformed } : {}),
    };
  }

  override clear(): void {
    super.clear();
    this.outageUntil = undefined;
    this.extras = {};
  }

  override current(): KantataFault | undefined {
    if (this.outageOver()) this.clear();
    const spec = super.current();
    if (!spec) return undefined;
    const { status, ...rest } = spec;
    return { ...rest, ...(status === MALFORMED ? {} : status !== undefined ? { status } : {}), ...this.extras };
  }

  override decide(method: string, path: string): FaultDecision | undefined {
    if (this.outageOver()) this.clear();
    return super.decide(method, path);
  }

  /**
   * The guard's part, before the request is served: draws the fault for it; a `before` fault is
   * inflicted now (delay, error or malformed body), an `after` one is kept for `after(request)`.
   */
  async before(method: string, path: string, request: object = {}): Promise<void> {
    const decision = this.decide(method, path);
    if (!decision) return;
    if (decision.phase === 'after') this.pending.set(request, decision);
    else await this.inflict(decision);
  }

  /** The interceptor's part, once the request was served (and committed): its `after` fault, if any. */
  async after(request: object): Promise<void> {
    const decision = this.pending.get(request);
    if (!decision) return;
    this.pending.delete(request);
    await this.inflict(decision);
  }

  private async inflict(decision: FaultDecision): Promise<void> {
    await this.sleep(decision.delayMs);
    if (decision.status === MALFORMED) throw new MalformedResponseFault();
    if (decision.status) {
      const headers: Record<string, string> = {};
      if ((decision.status === 429 || decision.status === 503) && decision.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(decision.retryAfterSeconds);
      throw new KantataApiError(
        decision.status,
        { type: 'system', message: `Fault injected by the sandbox (HTTP ${decision.status})` },
        headers,
      );
    }
  }

  private outageOver(): boolean {
    return this.outageUntil !== undefined && Date.now() >= this.outageUntil;
  }

  /** Shutting down: release delayed requests at once so close() does not wait for them. */
  onModuleDestroy(): void {
    this.release();
  }
}
