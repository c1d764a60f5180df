import { Inject, Injectable } from '@nestjs/common';
import { BcError } from '../common/bc-error';
import { businessCentralSandboxConfig, BusinessCentralSandboxSettings } from '../business-central-sandbox.config';

/**
 * Per-principal request budget over a sliding window (BC: 6,000 requests per 5 minutes): past it,
 * 429 `Application_TooManyRequests` with Retry-After until the oldest counted request leaves the
 * window. In memory per sandbox instance.
 */
@Injectable()
export class BcRateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(@Inject(businessCentralSandboxConfig.KEY) private readonly config: BusinessCentralSandboxSettings) {}

  consume(principal: string, now = Date.now()): void {
    const windowMs = this.config.rateWindowSeconds * 1000;
    const list = (this.calls.get(principal) ?? []).filter((t) => t > now - windowMs);
    if (list.length >= this.config.rateLimit) {
      this.calls.set(principal, list);
      const retryAfter = Math.max(1, Math.ceil((list[0] + windowMs - now) / 1000));
      throw new BcError(
        429,
        'Application_TooManyRequests',
        'The request limit has been exceeded. Please try again later.',
        retryAfter,
      );
    }
    list.push(now);
    this.calls.set(principal, list);
  }

  used(principal: string): number {
    return this.calls.get(principal)?.length ?? 0;
  }

  reset(): void {
    this.calls.clear();
  }
}
