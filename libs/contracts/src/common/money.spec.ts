import {
  addMoney,
  allocate,
  compareMoney,
  CurrencyMismatchError,
  fromMinorUnits,
  InvalidAmountError,
  money,
  moneyEquals,
  negateMoney,
  priceMinutes,
  roundHalfEven,
  scaleMoney,
  splitEvenly,
  subtractMoney,
  sumMoney,
  toMinorUnits,
} from './money';
import { CURRENCIES, CURRENCY_CODES, currencyMinorUnits, isCurrencyCode, UnknownCurrencyError } from './currencies';

describe('currencies', () => {
  it('lists at least 30 ISO 4217 codes with their minor units', () => {
    expect(CURRENCY_CODES.length).toBeGreaterThanOrEqual(30);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(CURRENCIES[code].minorUnits);
    }
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
  });

  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['CHF', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['INR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['KRW', 0],
    ['TND', 3],
  ])('%s has %i minor units', (code, units) => {
    expect(currencyMinorUnits(code)).toBe(units);
  });

  it('rejects lowercase, padded, unknown and non-string codes', () => {
    for (const bad of [
      'usd',
      ' USD',
      'USD ',
      'US',
      'USDX',
      'XXX',
      'ABC',
      '',
      840,
      null,
      undefined,
      'toString',
      '__proto__',
    ]) {
      expect(isCurrencyCode(bad)).toBe(false);
    }
    expect(() => currencyMinorUnits('usd')).toThrow(UnknownCurrencyError);
  });
});

describe('roundHalfEven', () => {
  it.each([
    [5n, 2n, 2n], // 2.5 -> 2
    [7n, 2n, 4n], // 3.5 -> 4
    [1n, 2n, 0n], // 0.5 -> 0
    [3n, 2n, 2n], // 1.5 -> 2
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [5n, -2n, -2n],
    [-5n, -2n, 2n],
    [10n, 4n, 2n], // 2.5 -> 2
    [14n, 4n, 4n], // 3.5 -> 4
    [11n, 4n, 3n], // 2.75 -> 3
    [9n, 4n, 2n], // 2.25 -> 2
    [-11n, 4n, -3n],
    [6n, 3n, 2n], // exact
    [0n, 7n, 0n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('%p / %p -> %p', (n, d, expected) => {
    expect(roundHalfEven(n, d)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('stays exact beyond the float range', () => {
    const big = 10n ** 30n + 5n;
    expect(roundHalfEven(big, 10n)).toBe(10n ** 29n); // ...0.5 rounds to the even neighbour
    expect(roundHalfEven(big + 10n, 10n)).toBe(10n ** 29n + 2n); // ...1.5 -> ...2
  });
});

describe('toMinorUnits', () => {
  it.each([
    ['12.34', 'USD', 1234],
    ['12.3', 'USD', 1230],
    ['12', 'USD', 1200],
    ['12.', 'USD', 1200],
    ['.5', 'USD', 50],
    ['0.01', 'USD', 1],
    ['-0.01', 'USD', -1],
    ['-12.34', 'EUR', -1234],
    ['+7.10', 'GBP', 710],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1234],
    ['-0.005', 'BHD', -5],
    ['1e3', 'USD', 100000],
    ['1.5E-1', 'USD', 15],
    ['0.000', 'KWD', 0],
    ['-0', 'USD', 0],
    ['  42.00 ', 'CHF', 4200],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('%p %s -> %p', (input, currency, expected) => {
    const result = toMinorUnits(input, currency);
    expect(result).toBe(expected);
    expect(Object.is(result, -0)).toBe(false);
  });

  it('reads JS numbers through their shortest decimal form, not their binary value', () => {
    expect(toMinorUnits(0.1, 'USD')).toBe(10);
    expect(toMinorUnits(-12.5, 'EUR')).toBe(-1250);
    expect(() => toMinorUnits(1e21, 'USD')).toThrow(/safe integer/); // String(1e21) === '1e+21'
    // the double nearest 1.005 is 1.00499999999999989...; its shortest form "1.005" is what a vendor meant
    expect(() => toMinorUnits(1.005, 'USD')).toThrow(InvalidAmountError);
    expect(toMinorUnits(1.005, 'USD', { rounding: 'half-even' })).toBe(100);
    expect(toMinorUnits(1e-7, 'USD', { rounding: 'half-even' })).toBe(0);
  });

  it('0.1 + 0.2 is exactly 0.3 in minor units', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float problem this module exists for
    const sum = addMoney(money(toMinorUnits('0.1', 'USD'), 'USD'), money(toMinorUnits('0.2', 'USD'), 'USD'));
    expect(sum).toEqual({ amountMinor: 30, currency: 'USD' });
    expect(fromMinorUnits(sum.amountMinor, 'USD')).toBe('0.30');
    expect(toMinorUnits(0.1 + 0.2, 'USD', { rounding: 'half-even' })).toBe(30);
  });

  it('rejects more decimals than the currency has unless asked to round half-even', () => {
    expect(() => toMinorUnits('1.005', 'USD')).toThrow(InvalidAmountError);
    expect(() => toMinorUnits('1.5', 'JPY')).toThrow(/more decimals than JPY allows \(0\)/);
    expect(() => toMinorUnits('1.2345', 'KWD')).toThrow(InvalidAmountError);
    expect(toMinorUnits('1.005', 'USD', { rounding: 'half-even' })).toBe(100);
    expect(toMinorUnits('1.015', 'USD', { rounding: 'half-even' })).toBe(102);
    expect(toMinorUnits('-1.005', 'USD', { rounding: 'half-even' })).toBe(-100);
    expect(toMinorUnits('2.5', 'JPY', { rounding: 'half-even' })).toBe(2);
    expect(toMinorUnits('3.5', 'JPY', { rounding: 'half-even' })).toBe(4);
    expect(toMinorUnits('1.2345', 'KWD', { rounding: 'half-even' })).toBe(1234);
    expect(toMinorUnits('1.2355', 'KWD', { rounding: 'half-even' })).toBe(1236);
    expect(toMinorUnits('1.23400', 'KWD')).toBe(1234); // trailing zeros are not extra precision
  });

  it('rejects things that are not decimal amounts', () => {
    for (const bad of [
      '',
      ' ',
      '.',
      '-',
      '+',
      'abc',
      '1,5',
      '1.2.3',
      '0x10',
      '1e',
      '--1',
      'NaN',
      'Infinity',
      '1 000',
    ]) {
      expect(() => toMinorUnits(bad, 'USD')).toThrow(InvalidAmountError);
    }
    expect(() => toMinorUnits(Number.NaN, 'USD')).toThrow(InvalidAmountError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'USD')).toThrow(InvalidAmountError);
    expect(() => toMinorUnits('1e999999', 'USD')).toThrow(InvalidAmountError);
    expect(() => toMinorUnits({} as unknown as string, 'USD')).toThrow(InvalidAmountError);
  });

  it('rejects amounts beyond the safe integer range and unknown currencies', () => {
    expect(() => toMinorUnits('90071992547409.92', 'USD')).toThrow(/safe integer/);
    expect(() => toMinorUnits('1', 'XYZ')).toThrow(UnknownCurrencyError);
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [-5, 'EUR', '-0.05'],
    [-1234, 'EUR', '-12.34'],
    [0, 'USD', '0.00'],
    [100, 'USD', '1.00'],
    [500, 'JPY', '500'],
    [-500, 'JPY', '-500'],
    [1234, 'KWD', '1.234'],
    [5, 'BHD', '0.005'],
    [9007199254740991, 'USD', '90071992547409.91'],
  ])('%p %s -> %p', (amount, currency, expected) => {
    expect(fromMinorUnits(amount, currency)).toBe(expected);
    expect(toMinorUnits(expected, currency)).toBe(amount);
  });

  it('accepts bigint and refuses fractional numbers', () => {
    expect(fromMinorUnits(10n ** 20n, 'USD')).toBe('1000000000000000000.00');
    expect(() => fromMinorUnits(1.5, 'USD')).toThrow(InvalidAmountError);
    expect(() => fromMinorUnits(1, 'usd')).toThrow(UnknownCurrencyError);
  });
});

describe('arithmetic', () => {
  const usd = (n: number) => money(n, 'USD');

  it('money() validates its inputs', () => {
    expect(() => money(1.5, 'USD')).toThrow(InvalidAmountError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'USD')).toThrow(InvalidAmountError);
    expect(() => money(1, 'EURO')).toThrow(UnknownCurrencyError);
    expect(Object.is(money(-0, 'USD').amountMinor, 0)).toBe(true);
  });

  it('sums one currency and refuses mixed currencies', () => {
    expect(sumMoney([usd(10), usd(-3), usd(25)])).toEqual(usd(32));
    expect(sumMoney([], 'EUR')).toEqual(money(0, 'EUR'));
    expect(() => sumMoney([])).toThrow(InvalidAmountError);
    expect(() => sumMoney([usd(1), money(1, 'EUR')])).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([usd(1)], 'EUR')).toThrow(CurrencyMismatchError);
    expect(() => addMoney(usd(1), money(1, 'JPY'))).toThrow('Currency mismatch: expected USD, got JPY');
    expect(() => subtractMoney(usd(1), money(1, 'GBP'))).toThrow(CurrencyMismatchError);
    expect(() => compareMoney(usd(1), money(1, 'GBP'))).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([usd(Number.MAX_SAFE_INTEGER), usd(1)])).toThrow(/safe integer/);
  });

  it('subtracts, negates and compares', () => {
    expect(subtractMoney(usd(10), usd(25))).toEqual(usd(-15));
    expect(negateMoney(usd(10))).toEqual(usd(-10));
    expect(negateMoney(usd(0)).amountMinor).toBe(0);
    expect(compareMoney(usd(1), usd(2))).toBe(-1);
    expect(compareMoney(usd(2), usd(2))).toBe(0);
    expect(compareMoney(usd(-1), usd(-2))).toBe(1);
    expect(moneyEquals(usd(1), money(1, 'EUR'))).toBe(false);
    expect(moneyEquals(usd(1), usd(1))).toBe(true);
  });

  it('scales with half-even rounding and prices minutes at an hourly rate', () => {
    expect(scaleMoney(usd(100), 1, 3)).toEqual(usd(33));
    expect(scaleMoney(usd(5), 1, 2)).toEqual(usd(2)); // 2.5 -> 2
    expect(scaleMoney(usd(7), 1, 2)).toEqual(usd(4)); // 3.5 -> 4
    expect(scaleMoney(usd(-7), 1, 2)).toEqual(usd(-4));
    expect(priceMinutes(usd(15000), 90)).toEqual(usd(22500)); // 150.00/h * 1.5h
    expect(priceMinutes(usd(10001), 30)).toEqual(usd(5000)); // 50.005 -> 50.00 (tie to even)
    expect(priceMinutes(usd(10003), 30)).toEqual(usd(5002)); // 50.015 -> 50.02 (tie to even)
    expect(priceMinutes(money(12345, 'KWD'), 20)).toEqual(money(4115, 'KWD')); // 4.115
    expect(() => priceMinutes(usd(100), 1.5)).toThrow(InvalidAmountError);
  });

  it('allocates without losing or inventing a minor unit', () => {
    expect(allocate(usd(100), [1, 1, 1]).map((m) => m.amountMinor)).toEqual([34, 33, 33]);
    expect(allocate(usd(-100), [1, 1, 1]).map((m) => m.amountMinor)).toEqual([-34, -33, -33]);
    expect(allocate(usd(5), [3, 7]).map((m) => m.amountMinor)).toEqual([2, 3]); // 1.5 / 3.5: equal remainders, first wins
    expect(allocate(usd(10), [1, 2]).map((m) => m.amountMinor)).toEqual([3, 7]); // 3.33 / 6.67: larger remainder wins
    expect(allocate(usd(1000), [0, 1]).map((m) => m.amountMinor)).toEqual([0, 1000]);
    expect(allocate(money(1, 'JPY'), [1, 1]).map((m) => m.amountMinor)).toEqual([1, 0]);
    expect(splitEvenly(usd(1001), 4).map((m) => m.amountMinor)).toEqual([251, 250, 250, 250]);
    for (const [total, ratios] of [
      [9999, [1, 2, 3, 4]],
      [-7, [5, 5, 1]],
      [123456789, [13, 17, 19, 23]],
    ] as const) {
      const parts = allocate(usd(total), ratios);
      expect(sumMoney(parts)).toEqual(usd(total));
      expect(parts.every((p) => p.currency === 'USD')).toBe(true);
    }
    expect(() => allocate(usd(1), [])).toThrow(InvalidAmountError);
    expect(() => allocate(usd(1), [0, 0])).toThrow(InvalidAmountError);
    expect(() => allocate(usd(1), [1, -1])).toThrow(InvalidAmountError);
    expect(() => allocate(usd(1), [0.5, 0.5])).toThrow(InvalidAmountError);
    expect(() => splitEvenly(usd(1), 0)).toThrow(InvalidAmountError);
  });
});
