import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { FaultPlan, FaultSpec, faultFromEnv } from '../../common/fault-plan';
import { StripeApiError } from '../common/stripe-api.error';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';

/**
 * Faults injected in front of the Stripe API (`/v1`), seeded so a test is reproducible: the shared
 * fault plan (`src/common/fault-plan.ts`, as every sandbox: status, errorRate, seed, delayMs,
 * jitterMs, phase, retryAfterSeconds, times, pathPrefix, method) rendered in Stripe's error shape,
 * plus an outage window and malformed bodies, plus Stripe-sandbox dice that may act together
 * (lost responses, 429 bursts, malformed answers) for the mixed-fault scenarios.
 */
export interface StripeFaults extends FaultSpec {
  /** Every request fails (with `status`, default 503) for this many milliseconds, then the fault lifts. */
  outageMs?: number;
  /** Matching requests are answered 200 with a truncated JSON body (before they run). */
  malformed?: boolean;
  /** Share of requests that run (and are stored under their Idempotency-Key) but answer 500: a lost response. */
  lostResponseRate?: number;
  /** Share of requests answered `429 rate_limit_error` with Retry-After. */
  rateLimitRate?: number;
  /** Share of requests answered 200 with a truncated JSON body (before they run). */
  malformedRate?: number;
  /** After an injected 429, this many following requests are 429 too (a burst). */
  rateLimitBurst?: number;
  /** Earlier name of `delayMs` (still accepted). */
  latencyMs?: number;
}

/** What the dice decided for one request. */
export type FaultOutcome = 'serve' | 'lose-response';

/** Thrown to answer 200 with a broken JSON body (rendered by StripeExceptionFilter). */
export class MalformedAnswer extends Error {
  constructor() {
    super('malformed answer injected by the sandbox');
    this.name = 'MalformedAnswer';
  }
}

/** Internal status that stands for "answer a malformed body" in the shared plan's draw. */
const MALFORMED = 200;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type StripeDice = Pick<
  StripeFaults,
  'lostResponseRate' | 'rateLimitRate' | 'malformedRate' | 'rateLimitBurst' | 'outageMs' | 'malformed' | 'latencyMs'
>;

@Injectable()
export class StripeFaultsService extends FaultPlan implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('StripeFaults');
  private dice: StripeDice = {};
  private given: StripeFaults = {};
  private dieRoll: () => number = mulberry32(1);
  private burstLeft = 0;
  private outageUntil: number | undefined;

  constructor(@Inject(stripeSandboxConfig.KEY) private readonly config: StripeSandboxSettings) {
    super();
  }

  /** At start: `SANDBOX_STRIPE_FAULTS` (JSON as `POST /__sandbox/faults`), else the older rate variables. */
  onModuleInit(): void {
    const fault = faultFromEnv(this.config.faults, 'SANDBOX_STRIPE_FAULTS');
    if (fault) {
      this.set(fault);
      this.log.log(`fault active from start: ${this.config.faults}`);
    } else if (this.config.faultErrorRate > 0 || this.config.faultRateLimitRate > 0) {
      this.set({
        ...(this.config.faultErrorRate > 0 ? { errorRate: this.config.faultErrorRate } : {}),
        ...(this.config.faultRateLimitRate > 0 ? { rateLimitRate: this.config.faultRateLimitRate } : {}),
        seed: this.config.faultSeed,
      });
    }
  }

  override set(faults: StripeFaults): void {
    const { lostResponseRate, rateLimitRate, malformedRate, rateLimitBurst, outageMs, malformed, latencyMs, ...spec } =
      faults;
    if (spec.delayMs === undefined && latencyMs !== undefined) spec.delayMs = latencyMs;
    // Stripe's older shape: `errorRate` alone means 500 api_error.
    if (spec.status === undefined) {
      if (malformed) spec.status = MALFORMED;
      else if (outageMs !== undefined) spec.status = 503;
      else if (spec.errorRate !== undefined) spec.status = 500;
    }
    super.set(spec);
    this.given = { ...faults };
    this.dice = Object.fromEntries(
      Object.entries({
        lostResponseRate,
        rateLimitRate,
        malformedRate,
        rateLimitBurst,
        outageMs,
        malformed,
        latencyMs,
      }).filter(([, v]) => v !== undefined),
    );
    this.dieRoll = mulberry32((faults.seed ?? 1) + 1);
    this.burstLeft = 0;
    this.outageUntil = outageMs !== undefined ? Date.now() + outageMs : undefined;
  }

  override clear(): void {
    super.clear();
    this.dice = {};
    this.given = {};
    this.burstLeft = 0;
    this.outageUntil = undefined;
  }

  /** The active faults as set (`{}` when none; `times` counts down). */
  override current(): StripeFaults {
    if (this.outageOver()) this.clear();
    const active = super.current();
    if (!active && Object.keys(this.dice).length === 0) return {};
    return { ...this.given, ...(active?.times !== undefined ? { times: active.times } : {}) };
  }

  /** Applies the faults to one request: delay, then maybe an error; else whether to lose the answer. */
  async apply(method: string, path: string): Promise<FaultOutcome> {
    if (this.outageOver()) this.clear();
    const decision = this.decide(method, path);
    if (decision) {
      await this.sleep(decision.delayMs);
      if (decision.status !== undefined) {
        if (decision.phase === 'after') return 'lose-response';
        throw StripeFaultsService.errorFor(decision.status, decision.retryAfterSeconds);
      }
    }
    const d = this.dice;
    if (this.burstLeft > 0 || (d.rateLimitRate && this.dieRoll() < d.rateLimitRate)) {
      if (this.burstLeft > 0) this.burstLeft -= 1;
      else this.burstLeft = d.rateLimitBurst ?? 0;
      throw StripeFaultsService.rateLimited(this.given.retryAfterSeconds ?? 1);
    }
    if (d.malformedRate && this.dieRoll() < d.malformedRate) throw new MalformedAnswer();
    if (d.lostResponseRate && this.dieRoll() < d.lostResponseRate) return 'lose-response';
    return 'serve';
  }

  /** An injected status in Stripe's error shape. */
  static errorFor(status: number, retryAfterSeconds?: number): Error {
    if (status === MALFORMED) return new MalformedAnswer();
    if (status === 429) return StripeFaultsService.rateLimited(retryAfterSeconds ?? 1);
    if (status === 503) {
      return new StripeApiError(
        503,
        { type: 'api_error', message: 'Stripe is temporarily unavailable (injected outage).' },
        retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {},
      );
    }
    if (status >= 500) {
      return new StripeApiError(
        status,
        { type: 'api_error', message: 'An unknown error occurred (injected by the sandbox).' },
        { 'stripe-should-retry': 'true' },
      );
    }
    return new StripeApiError(status, {
      type: 'invalid_request_error',
      message: `An error was injected by the sandbox (HTTP ${status}).`,
    });
  }

  static rateLimited(retryAfterSeconds: number): StripeApiError {
    return new StripeApiError(
      429,
      {
        type: 'rate_limit_error',
        code: 'rate_limit',
        message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
      },
      { 'retry-after': String(retryAfterSeconds), 'stripe-should-retry': 'true' },
    );
  }

  private outageOver(): boolean {
    return this.outageUntil !== undefined && Date.now() >= this.outageUntil;
  }

  onModuleDestroy(): void {
    this.dice = {};
    this.release();
  }
}
