import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VersionLifecycleService } from '../lifecycle/version-lifecycle.service';
import { AuditService } from './audit.service';

export interface UsageRow {
  day: string;
  consumerId: string;
  consumerName: string | null;
  contract: string;
  calls: number;
  /** Answers with status >= 400 (client and server errors). */
  errors: number;
  errorRate: number;
  /** Answers with status >= 500. */
  serverErrors: number;
  p95LatencyMs: number;
}

export interface SunsetReadinessRow {
  contract: string;
  sunset: string | null;
  successor: string | null;
  consumers: Array<{ consumerId: string; consumerName: string | null; calls: number; lastSeen: string }>;
}

export interface UsageQuery {
  from: Date;
  to: Date;
  consumerId?: string;
  contract?: string;
}

/** Product owners' reports from the audit records. */
@Injectable()
export class UsageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly lifecycles: VersionLifecycleService,
  ) {}

  /** Calls per consumer per product version per UTC day, error rate and p95 latency. */
  async usage(q: UsageQuery): Promise<UsageRow[]> {
    await this.audit.flush();
    const rows = (await this.db.query(
      `SELECT to_char(date_trunc('day', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
              consumer_id, max(consumer_name) AS consumer_name, contract,
              count(*)::int AS calls,
              count(*) FILTER (WHERE status >= 400)::int AS errors,
              count(*) FILTER (WHERE status >= 500)::int AS server_errors,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
         FROM gateway.audit_records
        WHERE at >= $1 AND at < $2 AND consumer_id IS NOT NULL AND contract IS NOT NULL
          AND ($3::text IS NULL OR consumer_id = $3) AND ($4::text IS NULL OR contract = $4)
        GROUP BY 1, consumer_id, contract
        ORDER BY 1, contract, consumer_id`,
      [q.from, q.to, q.consumerId ?? null, q.contract ?? null],
    )) as Array<{
      day: string;
      consumer_id: string;
      consumer_name: string | null;
      contract: string;
      calls: number;
      errors: number;
      server_errors: number;
      p95: number;
    }>;
    return rows.map((r) => ({
      day: r.day,
      consumerId: r.consumer_id,
      consumerName: r.consumer_name,
      contract: r.contract,
      calls: r.calls,
      errors: r.errors,
      errorRate: r.calls ? Math.round((r.errors / r.calls) * 10_000) / 10_000 : 0,
      serverErrors: r.server_errors,
      p95LatencyMs: Math.round(Number(r.p95) * 100) / 100,
    }));
  }

  /** For each deprecated (or retired) version: who still calls it, how often, last seen. */
  async sunsetReadiness(since: Date): Promise<SunsetReadinessRow[]> {
    await this.audit.flush();
    const versions = this.lifecycles.list().filter((v) => v.state === 'deprecated' || v.state === 'retired');
    if (versions.length === 0) return [];
    const rows = (await this.db.query(
      `SELECT contract, consumer_id, max(consumer_name) AS consumer_name, count(*)::int AS calls, max(at) AS last_seen
         FROM gateway.audit_records
        WHERE contract = ANY($1) AND consumer_id IS NOT NULL AND at >= $2
        GROUP BY contract, consumer_id
        ORDER BY contract, calls DESC`,
      [versions.map((v) => v.contract), since],
    )) as Array<{
      contract: string;
      consumer_id: string;
      consumer_name: string | null;
      calls: number;
      last_seen: Date;
    }>;
    return versions.map((v) => ({
      contract: v.contract,
      sunset: v.sunsetAt?.toISOString() ?? null,
      successor: v.successor,
      consumers: rows
        .filter((r) => r.contract === v.contract)
        .map((r) => ({
          consumerId: r.consumer_id,
          consumerName: r.consumer_name,
          calls: r.calls,
          lastSeen: new Date(r.last_seen).toISOString(),
        })),
    }));
  }
}
