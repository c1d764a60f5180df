import { RequestBudget } from './stripe-call';

describe('RequestBudget', () => {
  it('lets `perSecond` calls through at once and queues the next ones into the following second', async () => {
    const budget = new RequestBudget(4);
    const started = Date.now();
    const at: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => budget.take().then(() => at.push(Date.now() - started))));
    at.sort((a, b) => a - b);
    expect(at.slice(0, 4).every((t) => t < 500)).toBe(true);
    expect(at.slice(4).every((t) => t >= 990)).toBe(true);
  });
});
