import { Inject, Injectable } from '@nestjs/common';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';

/** Requests per second per API key in a sliding one-second window (in memory, per instance). */
@Injectable()
export class StripeRateLimiter {
  private readonly windows = new Map<string, number[]>();
  private limit: number;

  constructor(@Inject(stripeSandboxConfig.KEY) config: StripeSandboxSettings) {
    this.limit = config.rateLimit;
  }

  setLimit(limit: number): void {
    this.limit = limit;
  }

  get currentLimit(): number {
    return this.limit;
  }

  /** Counts one request; false when the key is over its limit in the last second. */
  take(key: string, now = Date.now()): boolean {
    const times = (this.windows.get(key) ?? []).filter((t) => t > now - 1000);
    if (times.length >= this.limit) {
      this.windows.set(key, times);
      return false;
    }
    times.push(now);
    this.windows.set(key, times);
    return true;
  }

  reset(): void {
    this.windows.clear();
  }
}
