import { RequestBudget } from './request-budget';

const tick = () => new Promise((r) => setImmediate(r));

describe('RequestBudget', () => {
  it('keeps at most `concurrency` calls in flight, queueing the rest in order', async () => {
    const budget = new RequestBudget({ concurrency: 2, perWindow: 100, windowMs: 1000 });
    const release: Array<() => void> = [];
    const order: number[] = [];
    const calls = [0, 1, 2, 3].map((i) =>
      budget.run(async () => {
        order.push(i);
        await new Promise<void>((r) => release.push(r));
        return i;
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(budget.pending).toBe(2);
    release.shift()!();
    await tick();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    while (release.length) {
      release.shift()!();
      await tick();
      await tick();
    }
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3]);
  });

  it('starts at most `perWindow` calls per sliding window and waits for the window instead of failing', async () => {
    let now = 0;
    const budget = new RequestBudget({ concurrency: 10, perWindow: 2, windowMs: 50 }, () => now);
    const done: number[] = [];
    const calls = [0, 1, 2].map((i) => budget.run(async () => done.push(i)));
    await tick();
    expect(done).toEqual([0, 1]);
    now = 60;
    await new Promise((r) => setTimeout(r, 80));
    await Promise.all(calls);
    expect(done).toEqual([0, 1, 2]);
  });
});
