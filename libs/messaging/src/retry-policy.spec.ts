import { backoffDelayMs } from './retry-policy';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };

  it('doubles from the base with equal jitter (half fixed, half random)', () => {
    expect(backoffDelayMs(policy, 2, () => 0)).toBe(500);
    expect(backoffDelayMs(policy, 2, () => 1)).toBe(1000);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(1000);
    expect(backoffDelayMs(policy, 4, () => 1)).toBe(4000);
  });

  it('caps one delay', () => {
    expect(backoffDelayMs(policy, 10, () => 1)).toBe(5000);
    expect(backoffDelayMs(policy, 10, () => 0)).toBe(2500);
  });
});
