import { buildMessage, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCurrencyCode } from './currencies';

/**
 * Custom class-validator decorators of the canonical model. Each one validates and nothing else;
 * OpenAPI metadata comes from the @nestjs/swagger CLI plugin or an explicit @ApiProperty.
 */

/** Canonical identifiers: 1-128 characters of letters, digits and `. _ : -` (uuids, vendor ids). */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Keys of a cross-reference map: a lowercase system name (`salesforce`, `business-central`). */
export const SYSTEM_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** Longest id we accept from a vendor in a cross-reference. */
export const MAX_EXTERNAL_ID_LENGTH = 255;

export interface IntegerRange {
  min?: number;
  max?: number;
}

function integerInRange(value: unknown, range: IntegerRange): boolean {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max)
  );
}

function describeRange(range: IntegerRange): string {
  if (range.min !== undefined && range.max !== undefined) return ` between ${range.min} and ${range.max}`;
  if (range.min !== undefined) return ` of at least ${range.min}`;
  if (range.max !== undefined) return ` of at most ${range.max}`;
  return '';
}

/** The value is a supported ISO 4217 code: three uppercase letters listed in CURRENCIES. */
export function IsCurrencyCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a supported ISO 4217 currency code (three uppercase letters, e.g. USD)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * The value is an amount in integer minor units: a JS safe integer (|n| <= 2^53 - 1), never a
 * float or a numeric string. Negative amounts are allowed unless `min` says otherwise.
 */
export function IsMinorUnits(range: IntegerRange = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMinorUnits',
      constraints: [range],
      validator: {
        validate: (value: unknown) => integerInRange(value, range),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an integer amount in minor units${describeRange(range)} (no decimals)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** The value is a duration in whole minutes: a non-negative safe integer (bounded by `range`). */
export function IsMinutes(range: IntegerRange = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const bounds = { min: range.min ?? 0, max: range.max };
  return ValidateBy(
    {
      name: 'isMinutes',
      constraints: [bounds],
      validator: {
        validate: (value: unknown) => integerInRange(value, bounds),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a whole number of minutes${describeRange(bounds)}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` (no time, no zone): effective dates, work dates, due dates. */
export function IsIsoDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a calendar date (YYYY-MM-DD)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** True for an RFC 3339 timestamp with a zone: `2025-03-01T09:30:00Z`, `2025-03-01T09:30:00.123+01:00`. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TIMESTAMP.exec(value);
  return match !== null && isIsoDate(match[1]);
}

/** An instant: RFC 3339 date-time with `Z` or an offset. */
export function IsTimestamp(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => isTimestamp(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an RFC 3339 timestamp with a zone (e.g. 2025-03-01T09:30:00Z)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** True for a canonical identifier (see IDENTIFIER_PATTERN). */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

/** An identifier: 1-128 characters, letters, digits and `. _ : -`, starting with a letter or digit. */
export function IsIdentifier(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdentifier',
      validator: {
        validate: (value: unknown) => isIdentifier(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** Why a cross-reference map is invalid, or undefined when it is valid. */
export function crossReferencesProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of system -> id';
  for (const [system, id] of Object.entries(value)) {
    if (!SYSTEM_NAME_PATTERN.test(system))
      return `has an invalid system name ${JSON.stringify(system)} (lowercase, e.g. salesforce)`;
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_EXTERNAL_ID_LENGTH) {
      return `.${system} must be a non-empty string of at most ${MAX_EXTERNAL_ID_LENGTH} characters`;
    }
  }
  return undefined;
}

/** A cross-reference map: lowercase system name -> that system's id, e.g. `{ salesforce: '0065e00000AbCdE' }`. */
export function IsCrossReferences(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCrossReferences',
      validator: {
        validate: (value: unknown) => crossReferencesProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'crossReferences'} ${crossReferencesProblem(args?.value) ?? 'is invalid'}`,
      },
    },
    validationOptions,
  );
}

/**
 * The Money held by this property has `amountMinor >= min` (use 0 for rates and prices, 1 for
 * amounts that must be positive). Checks only the bound; the shape is checked by ValidateNested.
 */
export function MinMoney(min: number, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'minMoney',
      constraints: [min],
      validator: {
        validate: (value: unknown) => {
          const amount = (value as { amountMinor?: unknown } | null | undefined)?.amountMinor;
          // A missing or malformed amount is reported by the nested validation, not twice.
          return typeof amount !== 'number' || amount >= min;
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property.amountMinor must not be less than ${min}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * The Money held by this property is in the currency named by another property of the same
 * object: `@InCurrencyOf('currency') totalValue: MoneyDto` on a contract whose `currency` is USD.
 * Missing values are left to the other validators.
 */
export function InCurrencyOf(currencyProperty: string, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'inCurrencyOf',
      constraints: [currencyProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const expected = (args?.object as Record<string, unknown> | undefined)?.[currencyProperty];
          const actual = (value as { currency?: unknown } | null | undefined)?.currency;
          return typeof expected !== 'string' || typeof actual !== 'string' || actual === expected;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'amount'}.currency must be ${currencyProperty} (${String(
            (args?.object as Record<string, unknown> | undefined)?.[currencyProperty],
          )})`,
      },
    },
    validationOptions,
  );
}

/**
 * This date (or timestamp) is not before another property of the same object:
 * `@IsOnOrAfter('startDate') endDate?: string`. ISO dates compare as strings; timestamps are
 * compared as instants. Missing values are left to the other validators.
 */
export function IsOnOrAfter(otherProperty: string, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOnOrAfter',
      constraints: [otherProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[otherProperty];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          if (isIsoDate(value) && isIsoDate(other)) return value >= other;
          const [a, b] = [Date.parse(value), Date.parse(other)];
          return Number.isNaN(a) || Number.isNaN(b) || a >= b;
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be before ${otherProperty}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

function findForeignCurrency(value: unknown, expected: string, path: string, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 8) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForeignCurrency(item, expected, `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if ('amountMinor' in record && typeof record.currency === 'string') {
    return record.currency === expected ? undefined : `${path}.currency is ${record.currency}`;
  }
  for (const [key, child] of Object.entries(record)) {
    const found = findForeignCurrency(child, expected, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Every Money found anywhere inside this property (nested objects and arrays) is in the currency
 * named by a sibling property: `@AllAmountsInCurrencyOf('currency') lines: InvoiceLineDto[]`.
 */
export function AllAmountsInCurrencyOf(
  currencyProperty: string,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  const expectedOf = (args?: ValidationArguments) =>
    (args?.object as Record<string, unknown> | undefined)?.[currencyProperty];
  return ValidateBy(
    {
      name: 'allAmountsInCurrencyOf',
      constraints: [currencyProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const expected = expectedOf(args);
          return typeof expected !== 'string' || findForeignCurrency(value, expected, '') === undefined;
        },
        defaultMessage: (args?: ValidationArguments) => {
          const expected = expectedOf(args);
          const found = typeof expected === 'string' ? findForeignCurrency(args?.value, expected, '') : undefined;
          return `${args?.property ?? 'value'}${found ?? ''}: every amount must be in ${currencyProperty} (${String(expected)})`;
        },
      },
    },
    validationOptions,
  );
}
