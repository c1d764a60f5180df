import {
  CurrencyMismatchError,
  UnsafeMoneyError,
  allocateLargestRemainder,
  exactFraction,
  floorDiv,
  invoiceTotals,
  lineTax,
  money,
  roundHalfEven,
  sum,
  taxShares,
  timeAmount,
  timeLine,
  toBigInt,
  toSafeNumber,
} from './money';

describe('money rule (docs/decisions/0004-money-rule.md)', () => {
  describe('roundHalfEven', () => {
    it.each([
      // [numerator, denominator, expected]: ties go to the even neighbour
      [5n, 2n, 2n], // 2.5
      [7n, 2n, 4n], // 3.5
      [1n, 2n, 0n], // 0.5
      [3n, 2n, 2n], // 1.5
      [-5n, 2n, -2n], // -2.5
      [-7n, 2n, -4n], // -3.5
      [-1n, 2n, 0n], // -0.5
      [-3n, 2n, -2n], // -1.5
      [25n, 10n, 2n], // 2.5
      [35n, 10n, 4n], // 3.5
      [251n, 100n, 3n], // 2.51 above half
      [249n, 100n, 2n], // 2.49 below half
      [-251n, 100n, -3n],
      [-249n, 100n, -2n],
      [0n, 7n, 0n],
      [6n, 3n, 2n], // exact
      [-6n, 3n, -2n],
      [1n, 3n, 0n],
      [2n, 3n, 1n],
      [-2n, 3n, -1n],
    ])('%p / %p -> %p', (n, d, expected) => {
      expect(roundHalfEven(n, d)).toBe(expected);
    });

    it('is symmetric: a reversal is exactly the negation', () => {
      for (let n = -500n; n <= 500n; n += 1n) {
        for (const d of [1n, 2n, 3n, 4n, 60n, 10000n]) {
          expect(roundHalfEven(-n, d)).toBe(-roundHalfEven(n, d));
        }
      }
    });

    it('never moves more than half a unit, and only ties land on even', () => {
      for (let n = -1000n; n <= 1000n; n += 1n) {
        const d = 60n;
        const r = roundHalfEven(n, d);
        const diff = r * d - n; // exact error times d
        const abs = diff < 0n ? -diff : diff;
        expect(abs * 2n <= d).toBe(true);
        if (abs * 2n === d) expect(r % 2n).toBe(0n);
      }
    });

    it('handles values far beyond 2^53', () => {
      const big = 2n ** 70n + 1n; // odd
      expect(roundHalfEven(big, 2n)).toBe(2n ** 69n); // x.5 with an even truncation stays
      expect(roundHalfEven(big + 2n, 2n)).toBe(2n ** 69n + 2n); // (2^69 + 1).5 -> the even 2^69 + 2
      expect(roundHalfEven(-(big + 2n), 2n)).toBe(-(2n ** 69n + 2n));
    });

    it('refuses a zero or negative denominator', () => {
      expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
      expect(() => roundHalfEven(1n, -2n)).toThrow(RangeError);
    });
  });

  it('floorDiv rounds toward minus infinity', () => {
    expect(floorDiv(7n, 2n)).toBe(3n);
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(floorDiv(-6n, 2n)).toBe(-3n);
    expect(floorDiv(0n, 5n)).toBe(0n);
  });

  describe('timeAmount: round-half-even(minutes x rate / 60)', () => {
    it.each([
      [60, 15000, 15000n], // one hour at 150.00
      [90, 15000, 22500n], // 1.5 h
      [7, 10000, 1167n], // 1166.67 -> 1167
      [1, 30, 0n], // 0.5 -> 0 (even)
      [1, 90, 2n], // 1.5 -> 2 (even)
      [3, 50, 2n], // 2.5 -> 2 (even)
      [3, 70, 4n], // 3.5 -> 4 (even)
      [0, 15000, 0n],
      [480, 0, 0n],
      [-90, 15000, -22500n], // a reversal
      [-1, 90, -2n], // -1.5 -> -2
      [-3, 50, -2n], // -2.5 -> -2
    ])('%p min at %p/h -> %p', (minutes, rate, expected) => {
      expect(timeAmount(minutes, rate)).toBe(expected);
    });

    it('is computed once on the total minutes, not as a sum of rounded entries', () => {
      const line = timeLine(
        10000,
        Array.from({ length: 10 }, (_, i) => ({ key: `e${i}`, order: '2026-01-01', minutes: 7 })),
      );
      expect(line.minutes).toBe(70n);
      expect(line.amountMinor).toBe(11667n); // 70 x 10000 / 60 = 11666.67
      expect(10n * timeAmount(7, 10000)).toBe(11670n); // what per-entry rounding would have said
    });

    it('stays exact where number arithmetic would not (beyond 2^53)', () => {
      const minutes = 200_000n * 600n; // 200,000 entries of 10 h
      const rate = 100_000_000n; // 1,000,000.00 per hour
      expect(minutes * rate > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true); // the product passes 2^53
      expect(timeAmount(minutes, rate)).toBe(200_000_000_000_000n); // 1.2e8 x 1e8 / 60 = 2e14
      expect(timeAmount(minutes + 1n, rate)).toBe(200_000_001_666_667n); // + 1,666,666.67 rounds up
      const huge = 10_000_000_000n; // an amount itself beyond 2^53
      expect(timeAmount(minutes, huge)).toBe(20_000_000_000_000_000n);
      expect(timeAmount(minutes + 1n, huge)).toBe(20_000_000_166_666_667n);
    });
  });

  describe('lineTax', () => {
    it.each([
      [10000n, 1900, 1900n],
      [11667n, 1900, 2217n], // 2216.73
      [250n, 200, 5n], // 5.00 exact
      [125n, 2000, 25n],
      [25n, 1000, 2n], // 2.5 -> 2
      [35n, 1000, 4n], // 3.5 -> 4
      [-25n, 1000, -2n],
      [-11667n, 1900, -2217n],
      [0n, 1900, 0n],
      [99999n, 0, 0n],
    ])('%p at %p bp -> %p', (amount, bp, expected) => {
      expect(lineTax(amount, bp)).toBe(expected);
    });

    it('refuses a fractional or negative rate', () => {
      expect(() => lineTax(100n, 19.5)).toThrow(RangeError);
      expect(() => lineTax(100n, -1)).toThrow(RangeError);
    });
  });

  it('the invoice total is its lines plus their tax, nothing rounded at invoice level', () => {
    const lines = [
      { amountMinor: 11667n, taxMinor: lineTax(11667n, 1900) },
      { amountMinor: 22500n, taxMinor: lineTax(22500n, 1900) },
      { amountMinor: -1167n, taxMinor: lineTax(-1167n, 1900) },
    ];
    expect(invoiceTotals(lines)).toEqual({
      subtotalMinor: 33000n,
      taxMinor: 2217n + 4275n - 222n,
      totalMinor: 33000n + 2217n + 4275n - 222n,
    });
    expect(invoiceTotals([])).toEqual({ subtotalMinor: 0n, taxMinor: 0n, totalMinor: 0n });
  });

  it('currencies never mix', () => {
    expect(sum('EUR', [money('EUR', 100), money('EUR', 250n)])).toEqual({ currency: 'EUR', minor: 350n });
    expect(() => sum('EUR', [money('EUR', 100), money('USD', 1)])).toThrow(CurrencyMismatchError);
    expect(() => money('eur', 1)).toThrow(RangeError);
  });

  it('integers only: fractional or unsafe numbers are refused, unsafe bigints are not written as numbers', () => {
    expect(() => toBigInt(1.5)).toThrow(RangeError);
    expect(() => toBigInt(2 ** 53)).toThrow(RangeError);
    expect(toBigInt(Number.MAX_SAFE_INTEGER)).toBe(9007199254740991n);
    expect(toSafeNumber(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(9007199254740992n)).toThrow(UnsafeMoneyError);
    expect(() => toSafeNumber(-9007199254740992n)).toThrow(UnsafeMoneyError);
  });

  it('exactFraction reduces', () => {
    expect(exactFraction(60000n, 60n)).toBe('1000');
    expect(exactFraction(70000n, 60n)).toBe('3500/3');
    expect(exactFraction(-30n, 60n)).toBe('-1/2');
    expect(exactFraction(0n, 60n)).toBe('0');
  });

  describe('largest-remainder allocation', () => {
    it('ten 7-minute entries share 116.67 exactly: 7 get 11.67, 3 get 11.66 (the earlier dates win ties)', () => {
      const entries = Array.from({ length: 10 }, (_, i) => ({
        key: `e${i}`,
        order: `2026-01-${String(10 + i)}`,
        minutes: 7,
      }));
      const line = timeLine(10000, entries);
      expect(line.shares.map((s) => s.allocatedMinor)).toEqual([
        1167n,
        1167n,
        1167n,
        1167n,
        1167n,
        1167n,
        1167n,
        1166n,
        1166n,
        1166n,
      ]);
      expect(line.shares.every((s) => s.exactShare === '3500/3')).toBe(true);
      expect(line.shares.reduce((a, s) => a + s.allocatedMinor, 0n)).toBe(line.amountMinor);
    });

    it('the largest remainder wins before the order', () => {
      // 1 min and 2 min at 100/h: exact 5/3 (rem 40/60) and 10/3 (rem 20/60); total round(5) = 5
      const line = timeLine(100, [
        { key: 'a', order: '2026-01-01', minutes: 2 },
        { key: 'b', order: '2026-01-02', minutes: 1 },
      ]);
      expect(line.amountMinor).toBe(5n);
      expect(line.shares).toEqual([
        { key: 'a', exactShare: '10/3', allocatedMinor: 3n },
        { key: 'b', exactShare: '5/3', allocatedMinor: 2n },
      ]);
    });

    it('works with reversals (negative minutes) and adds up exactly', () => {
      const line = timeLine(10000, [
        { key: 'v1', order: '2026-01-05', minutes: 95 },
        { key: 'v1-reversal', order: '2026-01-05', minutes: -95 },
        { key: 'v2', order: '2026-01-05', minutes: 7 },
      ]);
      expect(line.minutes).toBe(7n);
      expect(line.amountMinor).toBe(1167n);
      const byKey = Object.fromEntries(line.shares.map((s) => [s.key, s]));
      expect(byKey['v1'].exactShare).toBe('47500/3');
      expect(byKey['v1-reversal'].exactShare).toBe('-47500/3');
      expect(line.shares.reduce((a, s) => a + s.allocatedMinor, 0n)).toBe(1167n);
    });

    it('adds up exactly for random lines, within one unit of each exact share', () => {
      let seed = 42;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
      for (let round = 0; round < 300; round += 1) {
        const rate = BigInt(next() % 50000);
        const entries = Array.from({ length: 1 + (next() % 12) }, (_, i) => ({
          key: `e${i}`,
          order: '2026-01-01',
          minutes: (next() % 600) - (round % 5 === 0 ? 300 : 0),
        }));
        const line = timeLine(rate, entries);
        expect(line.shares.reduce((a, s) => a + s.allocatedMinor, 0n)).toBe(line.amountMinor);
        for (const [i, share] of line.shares.entries()) {
          const exactTimes60 = BigInt(entries[i].minutes) * rate;
          const diff = share.allocatedMinor * 60n - exactTimes60;
          expect(diff > -60n && diff < 60n).toBe(true);
        }
      }
    });

    it('a zero line allocates zeros; an empty line is zero', () => {
      expect(timeLine(0, [{ key: 'a', order: '', minutes: 30 }]).shares[0].allocatedMinor).toBe(0n);
      expect(timeLine(15000, [])).toEqual({ minutes: 0n, amountMinor: 0n, shares: [] });
    });

    it('refuses a total that is not a rounding of the exact sum', () => {
      expect(() => allocateLargestRemainder(10n, [{ key: 'a', order: '', numerator: 60n }], 60n)).toThrow(RangeError);
    });

    it('allocates a line tax over its entries the same way', () => {
      const line = timeLine(10000, [
        { key: 'a', order: '1', minutes: 7 },
        { key: 'b', order: '2', minutes: 7 },
        { key: 'c', order: '3', minutes: 7 },
      ]);
      const tax = lineTax(line.amountMinor, 1900); // 3500 x 0.19 = 665
      const shares = taxShares(
        tax,
        1900,
        line.shares.map((s, i) => ({ key: s.key, order: String(i), amountMinor: s.allocatedMinor })),
      );
      expect(line.amountMinor).toBe(3500n);
      expect(tax).toBe(665n);
      expect(shares.reduce((a, s) => a + s.allocatedMinor, 0n)).toBe(665n);
    });
  });
});
