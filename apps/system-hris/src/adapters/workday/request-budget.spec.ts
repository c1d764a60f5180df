import { RequestBudget } from './request-budget';

describe('RequestBudget (queue, never fail)', () => {
  it('spaces requests past the burst evenly and lets them all through', async () => {
    let clock = 1_000_000;
    const waits: number[] = [];
    const budget = new RequestBudget(
      10,
      3,
      () => clock,
      (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    );
    for (let i = 0; i < 6; i++) await budget.acquire();
    // 3 at once (burst), then one every 100 ms.
    expect(waits).toEqual([100, 200, 300]);
    clock += 2000; // idle: the bucket empties
    waits.length = 0;
    await budget.acquire();
    expect(waits).toEqual([]);
  });

  it('does nothing when unlimited', async () => {
    const sleep = jest.fn();
    const budget = new RequestBudget(0, 1, Date.now, sleep);
    for (let i = 0; i < 100; i++) await budget.acquire();
    expect(sleep).not.toHaveBeenCalled();
  });

  it('really waits', async () => {
    const budget = new RequestBudget(20, 1);
    const t = Date.now();
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    expect(Date.now() - t).toBeGreaterThanOrEqual(90);
  });
});
