/** How fast and how wide calls to one target may go. */
export interface RateBudgetOptions {
  /** Sustained calls per second (token bucket refill rate). Unset: no rate limit. */
  requestsPerSecond?: number;
  /** Calls that may start at once after an idle period (bucket size). Default: max(1, requestsPerSecond). */
  burst?: number;
  /** Calls in flight at once. Unset: no concurrency limit. */
  concurrency?: number;
  /** Longest a call waits in the queue before it fails with 503. Default 30000. */
  maxWaitMs?: number;
}

/** A call that could not get a slot within `maxWaitMs` (surfaces as UpstreamUnavailableProblem). */
export class RateBudgetExceededError extends Error {
  constructor(readonly waitedMs: number) {
    super(`rate budget: no slot within ${waitedMs} ms`);
  }
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: Error) => void;
  deadline: number;
}

/**
 * A per-target budget that queues calls instead of failing them: a token bucket for the vendor's
 * documented rate, a concurrency limit for vendors that limit parallel calls (NetSuite), and a pause
 * when the vendor says so (429/503 Retry-After), so a burst becomes a queue rather than a 429 storm.
 * Waiters are served in arrival order.
 */
export class RateBudget {
  private readonly rate: number | undefined;
  private readonly burst: number;
  private readonly concurrency: number;
  private readonly maxWaitMs: number;
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    options: RateBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.rate = options.requestsPerSecond && options.requestsPerSecond > 0 ? options.requestsPerSecond : undefined;
    this.burst = Math.max(1, options.burst ?? Math.ceil(this.rate ?? 1));
    this.concurrency = options.concurrency && options.concurrency > 0 ? options.concurrency : Infinity;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Waits for a slot; the returned function frees it when the call is done. */
  acquire(): Promise<() => void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject, deadline: this.now() + this.maxWaitMs });
      this.drain();
    });
  }

  /** The vendor asked to wait (Retry-After): no call starts before `ms` from now. */
  pauseFor(ms: number): void {
    if (ms <= 0) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.tokens = 0;
    this.drain();
  }

  /** Fails every waiting call (the client is closing). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.queue.splice(0)) w.reject(new RateBudgetExceededError(0));
  }

  private refill(at: number): void {
    if (this.rate === undefined) {
      this.tokens = this.burst;
      return;
    }
    const elapsed = Math.max(0, at - this.refilledAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    this.refilledAt = at;
  }

  private drain(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const at = this.now();
    this.refill(at);
    // time out waiters whose deadline passed
    for (let i = 0; i < this.queue.length;) {
      if (this.queue[i].deadline <= at) {
        const [w] = this.queue.splice(i, 1);
        w.reject(new RateBudgetExceededError(this.maxWaitMs));
      } else i++;
    }
    while (this.queue.length > 0 && this.inFlight < this.concurrency && at >= this.pausedUntil && this.tokens >= 1) {
      const w = this.queue.shift()!;
      if (this.rate !== undefined) this.tokens -= 1;
      this.inFlight++;
      let released = false;
      w.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.drain();
      });
    }
    if (this.queue.length === 0) return;
    // wake up when the next slot can open: a token, the end of a pause, or the first deadline
    let wait = this.queue[0].deadline - at;
    if (at < this.pausedUntil) wait = Math.min(wait, this.pausedUntil - at);
    else if (this.tokens < 1 && this.rate !== undefined) wait = Math.min(wait, ((1 - this.tokens) * 1000) / this.rate);
    // (a full concurrency limit is drained by the next release; the timer still enforces the deadline)
    this.timer = setTimeout(() => this.drain(), Math.max(1, Math.ceil(wait)));
    this.timer.unref?.();
  }
}
