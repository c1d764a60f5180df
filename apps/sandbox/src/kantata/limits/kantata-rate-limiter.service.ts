import { Inject, Injectable } from '@nestjs/common';
import { KantataApiError } from '../common/kantata-api.error';
import { kantataSandboxConfig, KantataSandboxSettings } from '../kantata-sandbox.config';

interface Window {
  startedAt: number;
  used: number;
}

/**
 * Fixed-window request budget per access token (Kantata's numbers are not public: the window and
 * size are configuration). Past the budget: 429 with Retry-After (seconds until the window ends).
 * Counters are in memory (per sandbox instance), reset by `/__sandbox/reset`.
 */
@Injectable()
export class KantataRateLimiter {
  private readonly windows = new Map<string, Window>();
  private override?: { requests: number; windowSeconds: number };

  constructor(@Inject(kantataSandboxConfig.KEY) private readonly config: KantataSandboxSettings) {}

  get limits(): { requests: number; windowSeconds: number } {
    return (
      this.override ?? { requests: this.config.rateLimitRequests, windowSeconds: this.config.rateLimitWindowSeconds }
    );
  }

  /** Test control: other limits until reset. */
  configure(limits: { requests: number; windowSeconds: number } | undefined): void {
    this.override = limits;
    this.windows.clear();
  }

  reset(): void {
    this.windows.clear();
  }

  consume(key: string, now = Date.now()): void {
    const { requests, windowSeconds } = this.limits;
    const windowMs = windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.startedAt >= windowMs) {
      w = { startedAt: now, used: 0 };
      this.windows.set(key, w);
    }
    w.used += 1;
    if (w.used > requests) {
      const retryAfter = Math.max(1, Math.ceil((w.startedAt + windowMs - now) / 1000));
      throw new KantataApiError(
        429,
        { type: 'system', message: `Rate limit exceeded: ${requests} requests per ${windowSeconds} seconds` },
        { 'retry-after': String(retryAfter) },
      );
    }
  }

  usage(): number {
    let total = 0;
    for (const w of this.windows.values()) total += w.used;
    return total;
  }
}
