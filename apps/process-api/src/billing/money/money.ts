/**
 * The money rule (docs/decisions/0004-money-rule.md), in one pure module: integer minor units as bigint,
 * round half to even, a time line computed once on its total minutes, tax per line, the invoice total as
 * lines plus tax, no currency mixing, and each entry's exact share plus a largest-remainder allocation.
 * Nothing else in billing rounds money.
 */

/** An amount of one currency, in its minor units. */
export interface Money {
  readonly currency: string;
  readonly minor: bigint;
}

export class CurrencyMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Currencies never mix: ${expected} and ${actual}`);
    this.name = 'CurrencyMismatchError';
  }
}

export class UnsafeMoneyError extends Error {
  constructor(readonly value: bigint) {
    super(`${value} minor units cannot be written exactly as a JSON number`);
    this.name = 'UnsafeMoneyError';
  }
}

const CURRENCY = /^[A-Z]{3}$/;

export function money(currency: string, minor: bigint | number): Money {
  if (!CURRENCY.test(currency)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return { currency, minor: toBigInt(minor) };
}

/** An integer (number or bigint) as bigint; a fractional or unsafe number is refused, never rounded. */
export function toBigInt(value: bigint | number): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer of minor units: ${value}`);
  return BigInt(value);
}

/** A bigint as a JSON-safe number; refuses what a number cannot hold exactly. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new UnsafeMoneyError(value);
  }
  return Number(value);
}

/**
 * round-half-even(n / d) for integers, d > 0: the quotient truncated toward zero, moved one away from zero
 * when the remainder is more than half of d, or exactly half and the truncated quotient is odd. Symmetric:
 * roundHalfEven(-n, d) === -roundHalfEven(n, d).
 */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator - quotient * denominator; // same sign as the numerator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  const away = numerator < 0n ? -1n : 1n;
  if (twice > denominator) return quotient + away;
  return quotient % 2n === 0n ? quotient : quotient + away;
}

/** Floor division for integers, d > 0 (toward minus infinity). */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}

/** A time line's amount: round-half-even(total minutes x hourly rate / 60), computed once on the total. */
export function timeAmount(totalMinutes: bigint | number, hourlyRateMinor: bigint | number): bigint {
  return roundHalfEven(toBigInt(totalMinutes) * toBigInt(hourlyRateMinor), 60n);
}

/** The tax of one line: round-half-even(amount x rate in basis points / 10000). */
export function lineTax(amountMinor: bigint, rateBasisPoints: number): bigint {
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new RangeError(`Not a tax rate in basis points: ${rateBasisPoints}`);
  }
  return roundHalfEven(amountMinor * BigInt(rateBasisPoints), 10000n);
}

/** The sum of amounts of one currency; a different currency throws. */
export function sum(currency: string, amounts: readonly Money[]): Money {
  let total = 0n;
  for (const amount of amounts) {
    if (amount.currency !== currency) throw new CurrencyMismatchError(currency, amount.currency);
    total += amount.minor;
  }
  return { currency, minor: total };
}

export interface LineTotals {
  amountMinor: bigint;
  taxMinor: bigint;
}

/** The invoice total: the sum of its lines' amounts plus the sum of their taxes; nothing rounded here. */
export function invoiceTotals(lines: readonly LineTotals[]): {
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
} {
  let subtotalMinor = 0n;
  let taxMinor = 0n;
  for (const line of lines) {
    subtotalMinor += line.amountMinor;
    taxMinor += line.taxMinor;
  }
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact rational as a reduced fraction string: "1000", "3500/3", "-7/2". */
export function exactFraction(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  const divisor = gcd(numerator, denominator) || 1n;
  const n = numerator / divisor;
  const d = denominator / divisor;
  return d === 1n ? n.toString() : `${n}/${d}`;
}

/** One part of a whole to allocate: its exact share is numerator / denominator minor units. */
export interface SharePart {
  key: string;
  /** Sort key for ties (the earlier first), e.g. the work date. */
  order: string;
  numerator: bigint;
}

export interface Allocation {
  key: string;
  exactShare: string;
  allocatedMinor: bigint;
}

/**
 * Largest-remainder allocation of a rounded total over parts whose exact shares are numerator / denominator:
 * each part gets the floor of its share, then the units still missing (total - sum of floors) go one by one
 * to the largest remainders (ties: the smaller order, then the smaller key). The allocations add up to the
 * total exactly. The total must lie within [sum of floors, sum of floors + number of parts]: true for any
 * rounding of the exact sum (which is what the money rule produces).
 */
export function allocateLargestRemainder(
  totalMinor: bigint,
  parts: readonly SharePart[],
  denominator: bigint,
): Allocation[] {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  const floors = parts.map((part) => {
    const floor = floorDiv(part.numerator, denominator);
    return { part, floor, remainder: part.numerator - floor * denominator };
  });
  let missing = totalMinor - floors.reduce((acc, f) => acc + f.floor, 0n);
  if (missing < 0n || missing > BigInt(parts.length)) {
    throw new RangeError(`The total ${totalMinor} is not a rounding of the parts' exact sum`);
  }
  const ranked = [...floors].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.part.order !== b.part.order) return a.part.order < b.part.order ? -1 : 1;
    return a.part.key < b.part.key ? -1 : a.part.key > b.part.key ? 1 : 0;
  });
  const extra = new Set<SharePart>();
  for (const f of ranked) {
    if (missing === 0n) break;
    extra.add(f.part);
    missing -= 1n;
  }
  return floors.map((f) => ({
    key: f.part.key,
    exactShare: exactFraction(f.part.numerator, denominator),
    allocatedMinor: f.floor + (extra.has(f.part) ? 1n : 0n),
  }));
}

export interface TimeShareInput {
  key: string;
  order: string;
  minutes: bigint | number;
}

/** A time line over its entries: the amount (rule on the total minutes) and each entry's share. */
export function timeLine(
  hourlyRateMinor: bigint | number,
  entries: readonly TimeShareInput[],
): { minutes: bigint; amountMinor: bigint; shares: Allocation[] } {
  const rate = toBigInt(hourlyRateMinor);
  const minutes = entries.reduce((acc, e) => acc + toBigInt(e.minutes), 0n);
  const amountMinor = timeAmount(minutes, rate);
  const shares = allocateLargestRemainder(
    amountMinor,
    entries.map((e) => ({ key: e.key, order: e.order, numerator: toBigInt(e.minutes) * rate })),
    60n,
  );
  return { minutes, amountMinor, shares };
}

/** Shares of a line's tax, allocated over the parts' allocated amounts the same way. */
export function taxShares(
  taxMinor: bigint,
  rateBasisPoints: number,
  parts: readonly { key: string; order: string; amountMinor: bigint }[],
): Allocation[] {
  return allocateLargestRemainder(
    taxMinor,
    parts.map((p) => ({ key: p.key, order: p.order, numerator: p.amountMinor * BigInt(rateBasisPoints) })),
    10000n,
  );
}
