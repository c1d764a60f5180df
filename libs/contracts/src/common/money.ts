import { currencyMinorUnits, isCurrencyCode, UnknownCurrencyError } from './currencies';

/**
 * An amount of money: integer minor units (cents, pence, fils...) and an ISO 4217 currency.
 * Never a float. `MoneyDto` is the validated wire shape of the same thing.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Thrown when two amounts in different currencies meet in one operation. */
export class CurrencyMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Currency mismatch: expected ${expected}, got ${actual}`);
    this.name = 'CurrencyMismatchError';
  }
}

/** Thrown for an amount that cannot be represented exactly as integer minor units. */
export class InvalidAmountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAmountError';
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Exponents beyond this cannot produce a safe-integer amount in any currency. */
const MAX_EXPONENT = 64;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw new InvalidAmountError(`${what} ${value} is outside the safe integer range`);
  }
  return Number(value);
}

function assertAmountMinor(amountMinor: unknown, what = 'amountMinor'): asserts amountMinor is number {
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
    throw new InvalidAmountError(`${what} must be a safe integer of minor units, got ${String(amountMinor)}`);
  }
}

function assertCurrency(currency: unknown): asserts currency is string {
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
}

/** Validates and freezes a Money value. */
export function money(amountMinor: number, currency: string): Money {
  assertAmountMinor(amountMinor);
  assertCurrency(currency);
  return Object.freeze({ amountMinor: amountMinor === 0 ? 0 : amountMinor, currency });
}

/** Zero in a currency. */
export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

/**
 * Divides and rounds half to even ("banker's rounding"): 5/2 -> 2, 7/2 -> 4, -5/2 -> -2.
 * Exact integer arithmetic; the denominator may be negative, never zero.
 */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfEven: division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

export interface ToMinorUnitsOptions {
  /**
   * What to do with more decimals than the currency has: `exact` (default) rejects them with
   * InvalidAmountError, `half-even` rounds them half to even.
   */
  rounding?: 'exact' | 'half-even';
}

/**
 * Converts a decimal amount in major units to integer minor units with string and bigint math
 * (never a float): `toMinorUnits('12.34', 'USD') === 1234`, `toMinorUnits('1.5', 'JPY')` throws,
 * `toMinorUnits('1.2345', 'KWD', { rounding: 'half-even' }) === 1234`.
 * Accepts a string (`'-0.10'`, `'1e3'`, `'.5'`) or a finite JS number (converted through its
 * shortest decimal representation, so `0.1` is read as `'0.1'`, not as the binary float).
 */
export function toMinorUnits(value: string | number, currency: string, options: ToMinorUnitsOptions = {}): number {
  assertCurrency(currency);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidAmountError(`Amount must be finite, got ${value}`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new InvalidAmountError(`Amount must be a decimal string or a number, got ${typeof value}`);
  }
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new InvalidAmountError(`Not a decimal amount: ${JSON.stringify(value)}`);
  }
  const [, sign, intPart, fracPart = '', expPart] = match;
  const exponent = expPart === undefined ? 0 : Number(expPart);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) {
    throw new InvalidAmountError(`Amount exponent out of range: ${JSON.stringify(value)}`);
  }
  const digits = BigInt((intPart || '0') + fracPart);
  const shift = exponent - fracPart.length + currencyMinorUnits(currency);
  let minor: bigint;
  if (shift >= 0) {
    minor = digits * pow10(shift);
  } else {
    const denominator = pow10(-shift);
    if ((options.rounding ?? 'exact') === 'exact' && digits % denominator !== 0n) {
      throw new InvalidAmountError(
        `${JSON.stringify(value)} has more decimals than ${currency} allows (${currencyMinorUnits(currency)})`,
      );
    }
    minor = roundHalfEven(digits, denominator);
  }
  if (sign === '-') minor = -minor;
  const result = toSafeNumber(minor, 'Amount');
  return result === 0 ? 0 : result;
}

/**
 * Formats integer minor units as a decimal string in major units with exactly the currency's
 * decimals: `fromMinorUnits(1234, 'USD') === '12.34'`, `fromMinorUnits(-5, 'EUR') === '-0.05'`,
 * `fromMinorUnits(500, 'JPY') === '500'`, `fromMinorUnits(1234, 'KWD') === '1.234'`.
 */
export function fromMinorUnits(amountMinor: number | bigint, currency: string): string {
  assertCurrency(currency);
  let value: bigint;
  if (typeof amountMinor === 'bigint') {
    value = amountMinor;
  } else {
    assertAmountMinor(amountMinor);
    value = BigInt(amountMinor);
  }
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const decimals = currencyMinorUnits(currency);
  if (decimals === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(decimals + 1, '0');
  const major = padded.slice(0, padded.length - decimals);
  const minor = padded.slice(padded.length - decimals);
  return `${negative ? '-' : ''}${major}.${minor}`;
}

function assertMoney(value: Money, what = 'amount'): void {
  if (value === null || typeof value !== 'object') throw new InvalidAmountError(`${what} must be a Money object`);
  assertAmountMinor(value.amountMinor, `${what}.amountMinor`);
  assertCurrency(value.currency);
}

function sameCurrency(currency: string, other: Money): void {
  if (other.currency !== currency) throw new CurrencyMismatchError(currency, other.currency);
}

/**
 * Sums amounts of one currency. Mixed currencies throw CurrencyMismatchError. An empty list needs
 * `currency` (the result is zero in it); when `currency` is given every item must be in it.
 */
export function sumMoney(items: readonly Money[], currency?: string): Money {
  const target = currency ?? items[0]?.currency;
  if (target === undefined) throw new InvalidAmountError('sumMoney of an empty list needs a currency');
  assertCurrency(target);
  let total = 0n;
  for (const [index, item] of items.entries()) {
    assertMoney(item, `items[${index}]`);
    sameCurrency(target, item);
    total += BigInt(item.amountMinor);
  }
  return money(toSafeNumber(total, 'Sum'), target);
}

/** a + b (same currency). */
export function addMoney(a: Money, b: Money): Money {
  return sumMoney([a, b]);
}

/** a - b (same currency). */
export function subtractMoney(a: Money, b: Money): Money {
  assertMoney(a, 'a');
  assertMoney(b, 'b');
  sameCurrency(a.currency, b);
  return money(toSafeNumber(BigInt(a.amountMinor) - BigInt(b.amountMinor), 'Difference'), a.currency);
}

/** -a */
export function negateMoney(a: Money): Money {
  assertMoney(a);
  return money(-a.amountMinor, a.currency);
}

/** -1, 0 or 1; throws CurrencyMismatchError across currencies. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertMoney(a, 'a');
  assertMoney(b, 'b');
  sameCurrency(a.currency, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/** Same currency and same amount. Different currencies are simply not equal. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

function toBigIntFactor(value: number | bigint, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError(`${what} must be an integer, got ${value}`);
  return BigInt(value);
}

/**
 * amount * numerator / denominator, rounded half to even: the one way to apply a rate or a ratio
 * without floats. `scaleMoney(rate, 90, 60)` is 90 minutes of an hourly rate.
 */
export function scaleMoney(amount: Money, numerator: number | bigint, denominator: number | bigint = 1n): Money {
  assertMoney(amount);
  const n = toBigIntFactor(numerator, 'numerator');
  const d = toBigIntFactor(denominator, 'denominator');
  return money(toSafeNumber(roundHalfEven(BigInt(amount.amountMinor) * n, d), 'Result'), amount.currency);
}

/** The price of `minutes` at an hourly rate, rounded half to even to the minor unit. */
export function priceMinutes(hourlyRate: Money, minutes: number): Money {
  if (!Number.isSafeInteger(minutes)) throw new InvalidAmountError(`minutes must be an integer, got ${minutes}`);
  return scaleMoney(hourlyRate, minutes, 60);
}

/**
 * Splits `total` into parts proportional to integer `ratios` without losing or inventing a minor
 * unit: the parts always sum to `total`. Each part gets its floor share, then the leftover minor
 * units go one by one to the parts with the largest remainders (earlier parts first on ties).
 * A negative total is split like its absolute value, then negated.
 * `allocate(money(100, 'USD'), [1, 1, 1])` -> 34, 33, 33.
 */
export function allocate(total: Money, ratios: readonly (number | bigint)[]): Money[] {
  assertMoney(total, 'total');
  if (ratios.length === 0) throw new InvalidAmountError('allocate needs at least one ratio');
  const weights = ratios.map((r, i) => {
    const w = toBigIntFactor(r, `ratios[${i}]`);
    if (w < 0n) throw new InvalidAmountError(`ratios[${i}] must not be negative`);
    return w;
  });
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new InvalidAmountError('allocate needs ratios that sum to more than zero');
  const negative = total.amountMinor < 0;
  const absolute = BigInt(Math.abs(total.amountMinor));
  const shares = weights.map((w) => (absolute * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, remainder: (absolute * w) % weightSum }));
  let leftover = absolute - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((x, y) => (x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    shares[index] += 1n;
    leftover -= 1n;
  }
  return shares.map((s) => money(Number(negative ? -s : s), total.currency));
}

/** Splits `total` into `parts` equal shares (differing by at most one minor unit). */
export function splitEvenly(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new InvalidAmountError('parts must be a positive integer');
  return allocate(total, new Array<number>(parts).fill(1));
}
