import { IsISO8601, IsOptional, Matches } from 'class-validator';

const CONTRACT_NAME = /^[a-z]+\.[a-z0-9-]+\.v\d+$/;

export class DeprecateVersionDto {
  /** When the version stops answering (410 Gone after it), ISO 8601. */
  @IsISO8601({ strict: true })
  sunset: string;

  /** The version that replaces it, e.g. `process.project-setup.v2` (default: the next published major). */
  @IsOptional()
  @Matches(CONTRACT_NAME, { message: 'successor must name a contract like process.project-setup.v2' })
  successor?: string;
}

export class RetireVersionDto {
  /** The version that replaces it (default: the one named at deprecation, else the next published major). */
  @IsOptional()
  @Matches(CONTRACT_NAME, { message: 'successor must name a contract like process.project-setup.v2' })
  successor?: string;
}

/** One product version's effective lifecycle. */
export class VersionLifecycleDto {
  /** `process.project-setup.v1` */
  contract: string;
  state: 'draft' | 'active' | 'deprecated' | 'retired';
  /** `contract`: as published in `info.x-lifecycle`; `override`: set through this API. */
  source: 'contract' | 'override';
  deprecatedAt: string | null;
  sunset: string | null;
  successor: string | null;
}

export class UsageRowDto {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  consumerId: string;
  consumerName: string | null;
  /** `system.crm.v1` */
  contract: string;
  calls: number;
  /** Answers with status 400 or above. */
  errors: number;
  /** errors / calls, 0 to 1. */
  errorRate: number;
  /** Answers with status 500 or above. */
  serverErrors: number;
  p95LatencyMs: number;
}

export class SunsetConsumerDto {
  consumerId: string;
  consumerName: string | null;
  calls: number;
  lastSeen: string;
}

export class SunsetReadinessDto {
  contract: string;
  sunset: string | null;
  successor: string | null;
  /** Consumers still calling the version in the period, most calls first. */
  consumers: SunsetConsumerDto[];
}

export class UsageQueryDto {
  /** Start of the period (ISO 8601), default 30 days ago. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** End of the period (ISO 8601, exclusive), default now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,100}$/)
  consumerId?: string;

  @IsOptional()
  @Matches(CONTRACT_NAME)
  contract?: string;
}
