import { RateBudget, RateBudgetExceededError } from './rate-budget';

describe('RateBudget', () => {
  it('queues calls above the rate instead of failing them, and holds the sustained rate', async () => {
    const budget = new RateBudget({ requestsPerSecond: 50, burst: 5 });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const release = await budget.acquire();
        started.push(Date.now() - t0);
        release();
      }),
    );
    expect(started).toHaveLength(30);
    // 5 at once, then 25 more at 50/s: at least ~500 ms in all, never all at once
    expect(started[29]).toBeGreaterThanOrEqual(450);
    expect(started.filter((ms) => ms < 50).length).toBeLessThanOrEqual(7);
  });

  it('never lets more than `concurrency` calls run at once', async () => {
    const budget = new RateBudget({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await budget.acquire();
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
        release();
      }),
    );
    expect(peak).toBe(3);
  });

  it('pauses every call for a Retry-After', async () => {
    const budget = new RateBudget({ requestsPerSecond: 1000 });
    budget.pauseFor(200);
    const t0 = Date.now();
    const release = await budget.acquire();
    release();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('fails a call that cannot get a slot within maxWaitMs', async () => {
    const budget = new RateBudget({ concurrency: 1, maxWaitMs: 50 });
    const hold = await budget.acquire();
    await expect(budget.acquire()).rejects.toBeInstanceOf(RateBudgetExceededError);
    hold();
    const next = await budget.acquire();
    next();
  });
});
