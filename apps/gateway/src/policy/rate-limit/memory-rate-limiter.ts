import type { PlanLimits } from '../policy.config';
import { ceilSeconds, RateDecision, RateLimiter } from './rate-limiter';

const DAY_MS = 86_400_000;

/** The admission times of one consumer's last `limit` requests, oldest at `head` once full. */
class SlidingLog {
  readonly times: Float64Array;
  head = 0;
  count = 0;
  day = -1;
  dayCount = 0;
  constructor(readonly limit: number) {
    this.times = new Float64Array(limit);
  }

  /** Position (0 = oldest) of the first admission still inside the window, by binary search. */
  firstInside(since: number): number {
    let lo = 0;
    let hi = this.count;
    const base = this.count < this.limit ? 0 : this.head;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[(base + mid) % this.limit] > since) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  at(position: number): number {
    const base = this.count < this.limit ? 0 : this.head;
    return this.times[(base + position) % this.limit];
  }
}

/** One gateway process's limits, kept in memory: exact for one replica, not shared between replicas. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, SlidingLog>();

  constructor(private readonly now: () => number = Date.now) {}

  consume(consumerId: string, plan: PlanLimits): RateDecision {
    let log = this.logs.get(consumerId);
    if (!log || log.limit !== plan.rate) {
      log = new SlidingLog(plan.rate);
      this.logs.set(consumerId, log);
    }
    const now = this.now();
    const windowMs = plan.windowSeconds * 1000;
    const first = log.firstInside(now - windowMs);
    const inside = log.count - first;
    const day = Math.floor(now / DAY_MS);
    if (log.day !== day) {
      log.day = day;
      log.dayCount = 0;
    }
    const nextDayMs = (day + 1) * DAY_MS - now;

    if (inside >= plan.rate) {
      const retry = log.at(first) + windowMs - now;
      return {
        allowed: false,
        refusedBy: 'rate',
        rate: { limit: plan.rate, remaining: 0, resetSeconds: ceilSeconds(retry, 1) },
        daily: plan.daily
          ? {
              limit: plan.daily,
              remaining: Math.max(0, plan.daily - log.dayCount),
              resetSeconds: ceilSeconds(nextDayMs),
            }
          : undefined,
        retryAfterSeconds: ceilSeconds(retry, 1),
      };
    }
    if (plan.daily && log.dayCount >= plan.daily) {
      return {
        allowed: false,
        refusedBy: 'daily',
        rate: { limit: plan.rate, remaining: plan.rate - inside, resetSeconds: 0 },
        daily: { limit: plan.daily, remaining: 0, resetSeconds: ceilSeconds(nextDayMs, 1) },
        retryAfterSeconds: ceilSeconds(nextDayMs, 1),
      };
    }
    // admit: append (overwriting the oldest once the ring is full)
    log.times[log.head] = now;
    log.head = (log.head + 1) % log.limit;
    if (log.count < log.limit) log.count++;
    log.dayCount++;
    const insideNow = inside + 1;
    const oldest = log.at(log.count - insideNow);
    return {
      allowed: true,
      rate: {
        limit: plan.rate,
        remaining: plan.rate - insideNow,
        // when the oldest admission in the window leaves it (one more is admitted then)
        resetSeconds: ceilSeconds(oldest + windowMs - now, 1),
      },
      daily: plan.daily
        ? { limit: plan.daily, remaining: plan.daily - log.dayCount, resetSeconds: ceilSeconds(nextDayMs) }
        : undefined,
      retryAfterSeconds: 0,
    };
  }
}
