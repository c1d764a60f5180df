import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { StripeApiError } from '../common/stripe-api.error';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';

/** Faults injected in front of the Stripe API (`/v1`), seeded so a test is reproducible. */
export interface StripeFaults {
  /** Share of requests answered `500 api_error` before they run (0..1). */
  errorRate?: number;
  /** Share of requests that run (and are stored under their Idempotency-Key) but answer 500: a lost response. */
  lostResponseRate?: number;
  /** Share of requests answered `429 rate_limit_error` with Retry-After. */
  rateLimitRate?: number;
  /** Share of requests answered 200 with a truncated JSON body (before they run). */
  malformedRate?: number;
  /** After a 429, this many following requests are 429 too (a burst). */
  rateLimitBurst?: number;
  /** Retry-After of injected 429s, seconds. */
  retryAfterSeconds?: number;
  /** Added latency: fixed part plus a uniform jitter, milliseconds. */
  latencyMs?: number;
  jitterMs?: number;
  /** Every request fails with 503 until this instant (ms since epoch): an outage window. */
  outageUntil?: number;
  /** Seed of the dice. */
  seed?: number;
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

@Injectable()
export class StripeFaultsService implements OnModuleDestroy {
  private faults: StripeFaults = {};
  private random: () => number = Math.random;
  private burstLeft = 0;
  private readonly sleepers = new Set<() => void>();

  constructor(@Inject(stripeSandboxConfig.KEY) config: StripeSandboxSettings) {
    this.set({ errorRate: config.faultErrorRate, rateLimitRate: config.faultRateLimitRate, seed: config.faultSeed });
  }

  set(faults: StripeFaults): void {
    this.faults = { ...faults };
    this.random = mulberry32(faults.seed ?? 1);
    this.burstLeft = 0;
  }

  clear(): void {
    this.set({});
  }

  current(): StripeFaults {
    return { ...this.faults };
  }

  /** Applies the faults to one request: delay, then maybe an error; else whether to lose the answer. */
  async apply(): Promise<FaultOutcome> {
    const f = this.faults;
    const delay = (f.latencyMs ?? 0) + (f.jitterMs ? Math.floor(this.random() * f.jitterMs) : 0);
    if (delay > 0) await this.sleep(delay);
    if (f.outageUntil !== undefined && Date.now() < f.outageUntil) {
      throw new StripeApiError(503, {
        type: 'api_error',
        message: 'Stripe is temporarily unavailable (injected outage).',
      });
    }
    if (this.burstLeft > 0 || (f.rateLimitRate && this.random() < f.rateLimitRate)) {
      if (this.burstLeft > 0) this.burstLeft -= 1;
      else this.burstLeft = f.rateLimitBurst ?? 0;
      throw StripeFaultsService.rateLimited(f.retryAfterSeconds ?? 1);
    }
    if (f.errorRate && this.random() < f.errorRate) {
      throw new StripeApiError(
        500,
        { type: 'api_error', message: 'An unknown error occurred (injected by the sandbox).' },
        { 'stripe-should-retry': 'true' },
      );
    }
    if (f.malformedRate && this.random() < f.malformedRate) throw new MalformedAnswer();
    if (f.lostResponseRate && this.random() < f.lostResponseRate) return 'lose-response';
    return 'serve';
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

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.sleepers.add(done);
    });
  }

  onModuleDestroy(): void {
    this.faults = {};
    for (const wake of [...this.sleepers]) wake();
  }
}
