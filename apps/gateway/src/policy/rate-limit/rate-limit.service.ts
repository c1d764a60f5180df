import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ProblemError } from '@app/platform';
import type { FastifyReply } from 'fastify';
import type { ConsumerIdentity } from '../../identity/identity';
import { PlanLimits, policyConfig } from '../policy.config';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { RateDecision, RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';

export class RateLimitedProblem extends ProblemError {
  constructor(plan: string, decision: RateDecision) {
    const daily = decision.refusedBy === 'daily';
    super({
      status: 429,
      type: daily ? 'quota-exceeded' : 'rate-limited',
      title: 'Too Many Requests',
      detail: daily
        ? `The ${plan} plan's daily quota of ${decision.daily?.limit} requests is used up`
        : `The ${plan} plan admits ${decision.rate.limit} requests per window; retry after ${decision.retryAfterSeconds} s`,
      extra: { retryAfter: decision.retryAfterSeconds },
    });
  }
}

interface PlanHeaders {
  limits: PlanLimits;
  policy: string;
}

/**
 * Rate limits and quotas per consumer plan, in memory or (REDIS_URL) shared by every replica through
 * Redis. Every answer carries RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers-10);
 * a refused call is 429 problem+json with Retry-After.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitService.name);
  readonly limiter: RateLimiter;
  private readonly plans = new Map<string, PlanHeaders>();
  /** Used while Redis is unavailable (only when limits are shared through Redis). */
  private readonly fallback?: MemoryRateLimiter;
  private degraded = false;

  constructor(@Inject(policyConfig.KEY) config: ConfigType<typeof policyConfig>) {
    this.limiter = config.redisUrl ? new RedisRateLimiter(config.redisUrl) : new MemoryRateLimiter();
    if (config.redisUrl) this.fallback = new MemoryRateLimiter();
    for (const [name, limits] of Object.entries(config.plans)) {
      const items = [`"${name}";q=${limits.rate};w=${limits.windowSeconds}`];
      if (limits.daily) items.push(`"${name}-daily";q=${limits.daily};w=86400`);
      this.plans.set(name, { limits, policy: items.join(', ') });
    }
    this.logger.log({ store: config.redisUrl ? 'redis' : 'memory', plans: config.plans }, 'rate limits');
  }

  /** Counts the call; sets the headers; throws 429 when over the limit. */
  async admit(consumer: ConsumerIdentity, reply: FastifyReply): Promise<void> {
    const plan = this.plans.get(consumer.plan) ?? this.plans.get('free');
    if (!plan) return;
    const decision = await this.decide(consumer.consumerId, plan.limits);
    const name = this.plans.has(consumer.plan) ? consumer.plan : 'free';
    let state = `"${name}";r=${decision.rate.remaining};t=${decision.rate.resetSeconds}`;
    if (decision.daily) state += `, "${name}-daily";r=${decision.daily.remaining};t=${decision.daily.resetSeconds}`;
    void reply.header('RateLimit-Policy', plan.policy).header('RateLimit', state);
    if (!decision.allowed) {
      void reply.header('Retry-After', String(decision.retryAfterSeconds));
      throw new RateLimitedProblem(name, decision);
    }
  }

  /** The shared limiter's answer; while it cannot answer (Redis away), this replica's memory count. */
  private async decide(consumerId: string, limits: PlanLimits): Promise<RateDecision> {
    if (!this.fallback) return this.limiter.consume(consumerId, limits);
    try {
      const decision = await this.limiter.consume(consumerId, limits);
      if (this.degraded) {
        this.degraded = false;
        this.logger.warn('the shared rate limiter answers again');
      }
      return decision;
    } catch (err) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn({ err }, 'the shared rate limiter (Redis) is unavailable: counting in memory meanwhile');
      }
      return this.fallback.consume(consumerId, limits);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close?.();
  }
}
