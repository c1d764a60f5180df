import { defineConfig } from '@app/platform';
import { IsArray, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';

/** A plan's limits: requests per window (the rate) and, optionally, requests per UTC day (the quota). */
export interface PlanLimits {
  /** Requests admitted per `windowSeconds` (sliding window). */
  rate: number;
  windowSeconds: number;
  /** Requests per UTC calendar day; absent: no daily quota. */
  daily?: number;
}

/** The default plans (issue 4): free 10 req/s and 10,000 a day, partner 100 req/s, internal 1,000 req/s. */
export const DEFAULT_PLANS: Record<string, PlanLimits> = {
  free: { rate: 10, windowSeconds: 1, daily: 10_000 },
  partner: { rate: 100, windowSeconds: 1 },
  internal: { rate: 1000, windowSeconds: 1 },
};

export class PolicyConfig {
  /** GATEWAY_PLANS: JSON `{"<plan>": {"rate": 100, "windowSeconds": 1, "daily": 10000}}`, merged over the defaults. */
  @ValidateBy({
    name: 'plans',
    validator: {
      validate: (value: unknown) => invalidPlans(value).length === 0,
      defaultMessage: (args) => `GATEWAY_PLANS is invalid: ${invalidPlans(args?.value).join('; ')}`,
    },
  })
  plans: Record<string, PlanLimits>;

  /** REDIS_URL: rate limits shared by every gateway replica through Redis; unset: in memory. */
  @IsOptional()
  @IsString()
  redisUrl?: string;

  /** GATEWAY_CORS_ORIGINS: comma-separated origins allowed by CORS; empty: no cross-origin access. */
  @IsArray()
  @IsString({ each: true })
  corsOrigins: string[];

  /** GATEWAY_MAX_HEADER_BYTES: the largest request head (all header names and values) accepted, else 431. */
  @IsInt()
  @Min(1024)
  @Max(65536)
  maxHeaderBytes: number;

  /** GATEWAY_AUDIT_FLUSH_MS: how often buffered audit records are written. */
  @IsInt()
  @Min(10)
  @Max(60000)
  auditFlushMs: number;

  /** GATEWAY_AUDIT_BATCH: the buffered records that trigger an immediate write. */
  @IsInt()
  @Min(1)
  @Max(10000)
  auditBatch: number;

  /** GATEWAY_IDEMPOTENCY_TTL_HOURS: how long an Idempotency-Key is remembered. */
  @IsInt()
  @Min(1)
  @Max(720)
  idempotencyTtlHours: number;

  /** GATEWAY_LIFECYCLE_REFRESH_MS: how often a replica reloads the admin's lifecycle overrides. */
  @IsInt()
  @Min(100)
  @Max(600000)
  lifecycleRefreshMs: number;
}

function invalidPlans(value: unknown): string[] {
  if (!value || typeof value !== 'object') return ['not a JSON object'];
  const problems: string[] = [];
  for (const [name, plan] of Object.entries(value as Record<string, Partial<PlanLimits>>)) {
    if (!plan || typeof plan !== 'object') problems.push(`${name} is not an object`);
    else {
      if (!Number.isInteger(plan.rate) || (plan.rate as number) < 1)
        problems.push(`${name}.rate must be a positive integer`);
      if (!Number.isInteger(plan.windowSeconds) || (plan.windowSeconds as number) < 1)
        problems.push(`${name}.windowSeconds must be a positive integer`);
      if (plan.daily !== undefined && (!Number.isInteger(plan.daily) || plan.daily < 1))
        problems.push(`${name}.daily must be a positive integer`);
    }
  }
  return problems;
}

function parsePlans(raw: string | undefined): unknown {
  if (!raw) return DEFAULT_PLANS;
  try {
    const parsed = JSON.parse(raw) as Record<string, Partial<PlanLimits>>;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed;
    const merged: Record<string, unknown> = { ...DEFAULT_PLANS };
    for (const [name, plan] of Object.entries(parsed)) merged[name] = { windowSeconds: 1, ...plan };
    return merged;
  } catch {
    return 'not JSON';
  }
}

export const policyConfig = defineConfig('gatewayPolicy', PolicyConfig, (env) => ({
  plans: parsePlans(env.GATEWAY_PLANS),
  redisUrl: env.REDIS_URL || undefined,
  corsOrigins: (env.GATEWAY_CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  maxHeaderBytes: env.GATEWAY_MAX_HEADER_BYTES ?? '8192',
  auditFlushMs: env.GATEWAY_AUDIT_FLUSH_MS ?? '250',
  auditBatch: env.GATEWAY_AUDIT_BATCH ?? '500',
  idempotencyTtlHours: env.GATEWAY_IDEMPOTENCY_TTL_HOURS ?? '24',
  lifecycleRefreshMs: env.GATEWAY_LIFECYCLE_REFRESH_MS ?? '1000',
}));
