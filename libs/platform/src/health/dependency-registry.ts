import { Injectable } from '@nestjs/common';

export type DependencyStatus = 'up' | 'down';

export interface DependencyCheckResult {
  status: DependencyStatus;
  detail?: string;
}

export type DependencyCheck = () => Promise<DependencyCheckResult> | DependencyCheckResult;

export interface DependencyInfo {
  /** 'upstream' (another app of ours) or 'vendor' (Salesforce...). Informational. */
  kind?: 'upstream' | 'vendor' | 'infrastructure';
  /** Where it is, for operators (never credentials). */
  url?: string;
}

export interface DependencyReport extends DependencyCheckResult, DependencyInfo {
  name: string;
  durationMs: number;
}

export interface DependenciesReport {
  /** 'up' when every dependency is up, else 'degraded'. Informational: the app keeps serving. */
  status: 'up' | 'degraded';
  checkedAt: string;
  dependencies: DependencyReport[];
}

/**
 * The upstreams and vendors this app calls, each with a cheap check (the HTTP client registers its
 * circuit breaker state). Shown at GET /health/dependencies, never used for readiness.
 */
@Injectable()
export class DependencyRegistry {
  private readonly checks = new Map<string, { check: DependencyCheck; info: DependencyInfo }>();

  register(name: string, check: DependencyCheck, info: DependencyInfo = {}): void {
    this.checks.set(name, { check, info });
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async checkAll(timeoutMs = 2000): Promise<DependenciesReport> {
    const dependencies = await Promise.all(
      [...this.checks.entries()].map(async ([name, { check, info }]): Promise<DependencyReport> => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        try {
          const timeout = new Promise<DependencyCheckResult>((resolve) => {
            timer = setTimeout(
              () => resolve({ status: 'down', detail: `check timed out after ${timeoutMs} ms` }),
              timeoutMs,
            );
          });
          const result = await Promise.race([Promise.resolve().then(check), timeout]);
          return {
            name,
            ...info,
            status: result.status === 'up' ? 'up' : 'down',
            ...(result.detail ? { detail: result.detail } : {}),
            durationMs: elapsed(started),
          };
        } catch (e) {
          return {
            name,
            ...info,
            status: 'down',
            detail: e instanceof Error ? e.message : String(e),
            durationMs: elapsed(started),
          };
        } finally {
          if (timer) clearTimeout(timer);
        }
      }),
    );
    dependencies.sort((a, b) => a.name.localeCompare(b.name));
    return {
      status: dependencies.every((d) => d.status === 'up') ? 'up' : 'degraded',
      checkedAt: new Date().toISOString(),
      dependencies,
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
