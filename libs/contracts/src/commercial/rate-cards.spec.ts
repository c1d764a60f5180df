import { billRateFor, effectiveRateCardVersion, rateCardVersionsProblem, type RateCardVersionLike } from './rate-cards';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const v1: RateCardVersionLike = {
  version: 1,
  effectiveFrom: '2025-01-01',
  effectiveTo: '2025-07-01',
  billRates: [{ role: 'consultant', hourlyRate: usd(150_00) }],
};
const v2: RateCardVersionLike = {
  version: 2,
  effectiveFrom: '2025-07-01',
  billRates: [
    { role: 'consultant', hourlyRate: usd(160_00) },
    { role: 'architect', hourlyRate: usd(220_00) },
  ],
};

describe('rate card helpers', () => {
  it('finds the version in force on a date (effectiveTo exclusive)', () => {
    const card = { versions: [v2, v1] };
    expect(effectiveRateCardVersion(card, '2024-12-31')).toBeUndefined();
    expect(effectiveRateCardVersion(card, '2025-01-01')).toBe(v1);
    expect(effectiveRateCardVersion(card, '2025-06-30')).toBe(v1);
    expect(effectiveRateCardVersion(card, '2025-07-01')).toBe(v2);
    expect(effectiveRateCardVersion(card, '2030-01-01')).toBe(v2);
  });

  it('looks up a bill rate by role', () => {
    expect(billRateFor(v2, 'architect')).toEqual(usd(220_00));
    expect(billRateFor(v1, 'architect')).toBeUndefined();
  });

  it('detects duplicate version numbers and overlapping periods', () => {
    expect(rateCardVersionsProblem([v1, v2])).toBeUndefined();
    expect(rateCardVersionsProblem([v1, { ...v2, version: 1 }])).toBe('version 1 appears twice');
    expect(rateCardVersionsProblem([{ ...v1, effectiveTo: undefined }, v2])).toBe('versions 1 and 2 overlap');
    expect(rateCardVersionsProblem([{ ...v1, effectiveTo: '2025-07-02' }, v2])).toBe('versions 1 and 2 overlap');
  });
});
