/**
 * A per-vendor request budget that queues rather than fails: at most `perSecond` requests start per
 * second, evenly spaced (a leaky bucket), with a burst of `burst` requests allowed at once. A caller
 * over budget waits for its slot instead of provoking the vendor's 429.
 */
export class RequestBudget {
  private readonly intervalMs: number;
  /** When the bucket is empty again (the next free slot, minus the burst allowance). */
  private nextFreeAt = 0;
  private waiting = 0;

  constructor(
    perSecond: number,
    private readonly burst = 1,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Requests currently queued. */
  get queued(): number {
    return this.waiting;
  }

  /** Resolves when this request may start. */
  async acquire(): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = this.now();
    const allowance = this.intervalMs * (this.burst - 1);
    const start = Math.max(now, this.nextFreeAt - allowance);
    this.nextFreeAt = Math.max(now, this.nextFreeAt) + this.intervalMs;
    const wait = start - now;
    if (wait <= 0) return;
    this.waiting++;
    try {
      await this.sleep(wait);
    } finally {
      this.waiting--;
    }
  }
}
