import { businessCentralBudget } from './business-central-client';

describe('businessCentralBudget', () => {
  it('never lets more than the 5-minute allowance through in any 5 minutes', () => {
    for (const limit of [6000, 100, 7]) {
      const b = businessCentralBudget({ requestsPer5Minutes: limit, concurrency: 100 });
      // at most a full bucket plus five minutes of refill in any window
      expect(b.burst + b.requestsPerSecond * 300).toBeLessThanOrEqual(limit + 1e-9);
      expect(b.burst).toBeGreaterThanOrEqual(1);
      expect(b.concurrency).toBe(100);
    }
    expect(businessCentralBudget({ requestsPer5Minutes: 6000, concurrency: 100 })).toEqual({
      burst: 600,
      requestsPerSecond: 18,
      concurrency: 100,
    });
  });
});
