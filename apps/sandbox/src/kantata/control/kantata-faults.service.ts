import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { KantataApiError, MalformedResponseFault } from '../common/kantata-api.error';
import { kantataSandboxConfig, KantataSandboxSettings } from '../kantata-sandbox.config';

/** A fault injected into the vendor API (test and demo control, in memory per app instance). */
export interface KantataFault {
  /** Answer with this HTTP status (e.g. 500, 503, 429). */
  status?: number;
  /** Fixed delay before answering. */
  delayMs?: number;
  /** Extra random delay, 0..jitterMs (seeded). */
  jitterMs?: number;
  /** Share of matching requests affected, 0..1 (seeded; default 1). */
  probability?: number;
  /** Seed of the random source (same seed, same sequence of affected requests). */
  seed?: number;
  /** Number of affected requests; unlimited until cleared or `untilMs` when absent. */
  times?: number;
  /** Outage window: the fault ends this many milliseconds after it was set. */
  durationMs?: number;
  /** Only requests whose path starts with this (default: `/api/v1` and `/oauth`). */
  pathPrefix?: string;
  /** Only this HTTP method. */
  method?: string;
  /**
   * `before` (default): fail instead of serving. `after`: serve (the write commits), then fail the
   * response: the caller cannot know the create happened.
   */
  phase?: 'before' | 'after';
  /** Answer 200 with a truncated JSON body instead of an error status. */
  malformed?: boolean;
  /** Retry-After seconds sent with 429 and 503. */
  retryAfterSeconds?: number;
}

/** mulberry32: a tiny seeded PRNG, so a fault sequence is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveFault {
  fault: KantataFault;
  remaining?: number;
  endsAt?: number;
  random: () => number;
}

@Injectable()
export class KantataFaultsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('KantataFaults');
  private active: ActiveFault | undefined;
  private readonly sleepers = new Set<() => void>();

  constructor(@Inject(kantataSandboxConfig.KEY) private readonly config: KantataSandboxSettings) {}

  onModuleInit(): void {
    if (this.config.faults.trim() === '') return;
    try {
      this.set(JSON.parse(this.config.faults) as KantataFault);
      this.log.log(`fault active from start: ${this.config.faults}`);
    } catch {
      throw new Error('Invalid configuration: SANDBOX_KANTATA_FAULTS must be a JSON object');
    }
  }

  set(fault: KantataFault): void {
    this.active = {
      fault: { ...fault },
      remaining: fault.times,
      endsAt: fault.durationMs !== undefined ? Date.now() + fault.durationMs : undefined,
      random: seededRandom(fault.seed ?? 1),
    };
  }

  clear(): void {
    this.active = undefined;
  }

  current(): (KantataFault & { remaining?: number }) | undefined {
    return this.active ? { ...this.active.fault, remaining: this.active.remaining } : undefined;
  }

  /** Faults of the `before` phase: delay and/or fail the request before it is served. */
  async before(method: string, path: string): Promise<void> {
    const hit = this.take('before', method, path);
    if (hit) await this.inflict(hit);
  }

  /** Faults of the `after` phase: the request was served; delay and/or fail its response. */
  async after(method: string, path: string): Promise<void> {
    const hit = this.take('after', method, path);
    if (hit) await this.inflict(hit);
  }

  private take(
    phase: 'before' | 'after',
    method: string,
    path: string,
  ): { fault: KantataFault; random: () => number } | undefined {
    const a = this.active;
    if (!a) return undefined;
    const f = a.fault;
    if ((f.phase ?? 'before') !== phase) return undefined;
    if (a.endsAt !== undefined && Date.now() >= a.endsAt) {
      this.active = undefined;
      return undefined;
    }
    const prefix = f.pathPrefix;
    if (prefix ? !path.startsWith(prefix) : !(path.startsWith('/api/') || path.startsWith('/oauth/'))) return undefined;
    if (f.method && f.method.toUpperCase() !== method.toUpperCase()) return undefined;
    if (f.probability !== undefined && a.random() >= f.probability) return undefined;
    if (a.remaining !== undefined) {
      if (a.remaining <= 0) {
        this.active = undefined;
        return undefined;
      }
      a.remaining -= 1;
    }
    return { fault: f, random: a.random };
  }

  private async inflict({ fault, random }: { fault: KantataFault; random: () => number }): Promise<void> {
    const delay = (fault.delayMs ?? 0) + (fault.jitterMs ? Math.floor(random() * fault.jitterMs) : 0);
    if (delay > 0) await this.sleep(delay);
    if (fault.malformed) throw new MalformedResponseFault();
    if (fault.status) {
      const headers: Record<string, string> = {};
      if ((fault.status === 429 || fault.status === 503) && fault.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(fault.retryAfterSeconds);
      throw new KantataApiError(
        fault.status,
        { type: 'system', message: `Fault injected by the sandbox (HTTP ${fault.status})` },
        headers,
      );
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.sleepers.add(done);
    });
  }

  /** Shutting down: release delayed requests at once so close() does not wait for them. */
  onModuleDestroy(): void {
    this.active = undefined;
    for (const wake of [...this.sleepers]) wake();
  }
}
