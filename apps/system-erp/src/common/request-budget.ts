/**
 * A vendor's request budget on our side, so system-erp stays under the vendor's documented limits
 * instead of collecting 429s: at most `concurrency` calls in flight and at most `perWindow` calls
 * started per sliding `windowMs`. Callers over budget wait in FIFO order (queued, never failed).
 */
export class RequestBudget {
  private inFlight = 0;
  private readonly started: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly limits: { concurrency: number; perWindow: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` when the budget allows. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.drain();
    }
  }

  get pending(): number {
    return this.waiting.length;
  }

  private acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    const now = this.now();
    while (this.started.length > 0 && this.started[0] <= now - this.limits.windowMs) this.started.shift();
    while (
      this.waiting.length > 0 &&
      this.inFlight < this.limits.concurrency &&
      this.started.length < this.limits.perWindow
    ) {
      this.inFlight++;
      this.started.push(now);
      this.waiting.shift()!();
    }
    if (this.waiting.length > 0 && this.inFlight < this.limits.concurrency && !this.timer) {
      const wait = Math.max(1, this.started[0] + this.limits.windowMs - now);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, wait);
      this.timer.unref();
    }
  }
}
