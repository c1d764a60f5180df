/**
 * Vendor-neutral fault injection for a sandbox (in memory, per app instance). The sandbox's guard
 * asks `decide()` for each vendor request and renders the outcome in its vendor's error shape.
 * Seeded: the same fault and the same requests give the same failures.
 */
export interface FaultSpec {
  /** Answer with this HTTP status (e.g. 500, 503, 429). */
  status?: number;
  /** With `status`: the share of matching requests that fail (0..1), drawn from `seed`; all when absent. */
  errorRate?: number;
  /** Seed of the failure draw (default 1). */
  seed?: number;
  /** Wait this long before serving or failing. */
  delayMs?: number;
  /** Random extra delay, 0..jitterMs (seeded). */
  jitterMs?: number;
  /** `after`: the request is served (its effect persists) and then answered with the error: an ambiguous failure. */
  phase?: 'before' | 'after';
  /** Retry-After seconds sent with a 429 or 503. */
  retryAfterSeconds?: number;
  /** How many matching requests the fault applies to (unlimited when absent). */
  times?: number;
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
  /** Only this HTTP method (GET, POST, ...). */
  method?: string;
}

/** What happens to one request. */
export interface FaultDecision {
  delayMs: number;
  status?: number;
  phase: 'before' | 'after';
  retryAfterSeconds?: number;
}

/** mulberry32: small, fast, seedable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private fault: FaultSpec | undefined;
  private random: () => number = prng(1);
  private readonly sleepers = new Set<() => void>();

  set(fault: FaultSpec): void {
    this.fault = { ...fault };
    this.random = prng(fault.seed ?? 1);
  }

  clear(): void {
    this.fault = undefined;
  }

  current(): FaultSpec | undefined {
    return this.fault ? { ...this.fault } : undefined;
  }

  /** The fault for one request, or undefined when it is served normally. */
  decide(method: string, path: string): FaultDecision | undefined {
    const fault = this.fault;
    if (!fault) return undefined;
    if (fault.pathPrefix && !path.startsWith(fault.pathPrefix)) return undefined;
    if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 0) {
        this.fault = undefined;
        return undefined;
      }
      fault.times -= 1;
    }
    const delayMs = (fault.delayMs ?? 0) + (fault.jitterMs ? Math.floor(this.random() * fault.jitterMs) : 0);
    const fails = fault.status !== undefined && (fault.errorRate === undefined || this.random() < fault.errorRate);
    return {
      delayMs,
      status: fails ? fault.status : undefined,
      phase: fault.phase ?? 'before',
      retryAfterSeconds: fault.retryAfterSeconds,
    };
  }

  /** Sleeps, waking early on shutdown. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
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

  /** Shutting down: clear the fault and release delayed requests. */
  release(): void {
    this.fault = undefined;
    for (const wake of [...this.sleepers]) wake();
  }
}

/** A fault given at start as JSON in an environment variable (`''` = none); a bad value names the variable. */
export function faultFromEnv(json: string, variable: string): FaultSpec | undefined {
  if (json.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`Invalid configuration: ${variable} must be a JSON fault ({"status":503,"errorRate":0.2,...})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Invalid configuration: ${variable} must be a JSON object`);
  }
  return value as FaultSpec;
}
