import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { PlanLimits } from '../policy.config';
import { ceilSeconds, RateDecision, RateLimiter } from './rate-limiter';

/**
 * The sliding-window log and the daily counter in one atomic Lua script, on Redis's clock (TIME), so
 * every gateway replica shares one exact count: a sorted set of admission times per consumer
 * (expired ones trimmed first) and an INCR per UTC day. Returns
 * {admitted(1/0/2=daily), inWindow, oldestAgeUs, dayCount, nowUs}.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local daily = tonumber(ARGV[3])
local member = ARGV[4]
local key = KEYS[1]
local dkey = KEYS[2] .. ':' .. math.floor(tonumber(t[1]) / 86400)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local dayCount = tonumber(redis.call('GET', dkey) or '0')
local admitted = 0
if count < limit then
  if daily > 0 and dayCount >= daily then
    admitted = 2
  else
    admitted = 1
    redis.call('ZADD', key, now, member)
    redis.call('PEXPIRE', key, math.ceil(window / 1000) + 1000)
    count = count + 1
    if daily > 0 then
      dayCount = redis.call('INCR', dkey)
      if dayCount == 1 then redis.call('EXPIRE', dkey, 172800) end
    end
  end
end
local oldestAge = 0
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
if oldest[2] then oldestAge = now - tonumber(oldest[2]) end
return {admitted, count, oldestAge, dayCount, tonumber(t[1])}
`;

interface RateLimitRedis extends Redis {
  gatewayRateLimit(
    key: string,
    dayKey: string,
    limit: number,
    windowUs: number,
    daily: number,
    member: string,
  ): Promise<number[]>;
}

/** Limits shared by every gateway replica through Redis (REDIS_URL). */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RateLimitRedis;
  private readonly instance = randomBytes(6).toString('hex');
  private seq = 0;

  constructor(
    url: string,
    private readonly prefix = 'gw:rl',
  ) {
    // Fail fast when Redis is away (no offline queue): the service falls back to memory meanwhile.
    this.redis = new Redis(url, {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: false,
    }) as RateLimitRedis;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('gatewayRateLimit', { numberOfKeys: 2, lua: SCRIPT });
  }

  async consume(consumerId: string, plan: PlanLimits): Promise<RateDecision> {
    const windowUs = plan.windowSeconds * 1_000_000;
    const [admitted, count, oldestAgeUs, dayCount, nowSec] = await this.redis.gatewayRateLimit(
      `${this.prefix}:{${consumerId}}:w${plan.windowSeconds}`,
      `${this.prefix}:{${consumerId}}:day`,
      plan.rate,
      windowUs,
      plan.daily ?? 0,
      `${this.instance}:${(this.seq = (this.seq + 1) % 1e9)}`,
    );
    const untilOldestLeavesMs = (windowUs - oldestAgeUs) / 1000;
    const nextDayMs = (86_400 - (nowSec % 86_400)) * 1000;
    const daily = plan.daily
      ? {
          limit: plan.daily,
          remaining: Math.max(0, plan.daily - dayCount),
          resetSeconds: ceilSeconds(nextDayMs, admitted === 2 ? 1 : 0),
        }
      : undefined;
    if (admitted === 0) {
      return {
        allowed: false,
        refusedBy: 'rate',
        rate: { limit: plan.rate, remaining: 0, resetSeconds: ceilSeconds(untilOldestLeavesMs, 1) },
        daily,
        retryAfterSeconds: ceilSeconds(untilOldestLeavesMs, 1),
      };
    }
    if (admitted === 2) {
      return {
        allowed: false,
        refusedBy: 'daily',
        rate: { limit: plan.rate, remaining: plan.rate - count, resetSeconds: 0 },
        daily,
        retryAfterSeconds: ceilSeconds(nextDayMs, 1),
      };
    }
    return {
      allowed: true,
      rate: {
        limit: plan.rate,
        remaining: plan.rate - count,
        // when the oldest admission in the window leaves it (one more is admitted then)
        resetSeconds: ceilSeconds(untilOldestLeavesMs, 1),
      },
      daily,
      retryAfterSeconds: 0,
    };
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect(false));
    else this.redis.disconnect(false);
  }
}
