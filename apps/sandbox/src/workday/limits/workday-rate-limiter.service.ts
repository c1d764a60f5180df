import { Inject, Injectable } from '@nestjs/common';
import { WorkdayApiError } from '../common/workday-api.error';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';

/**
 * Requests per second per tenant (a fixed one-second window, in memory per instance). Past the limit:
 * 429 with `Retry-After` (seconds until the window ends, at least 1). Changeable at runtime.
 */
@Injectable()
export class WorkdayRateLimiter {
  private limit: number;
  private window = 0;
  private count = 0;
  private rejected = 0;

  constructor(@Inject(workdaySandboxConfig.KEY) config: WorkdaySandboxSettings) {
    this.limit = config.rateLimitPerSecond;
  }

  get perSecond(): number {
    return this.limit;
  }

  get rejectedTotal(): number {
    return this.rejected;
  }

  setLimit(perSecond: number): void {
    this.limit = perSecond;
    this.count = 0;
  }

  reset(): void {
    this.count = 0;
    this.rejected = 0;
  }

  consume(now = Date.now()): void {
    if (this.limit <= 0) return;
    const window = Math.floor(now / 1000);
    if (window !== this.window) {
      this.window = window;
      this.count = 0;
    }
    this.count++;
    if (this.count > this.limit) {
      this.rejected++;
      throw WorkdayApiError.rateLimited(Math.max(1, Math.ceil(((window + 1) * 1000 - now) / 1000)));
    }
  }
}
