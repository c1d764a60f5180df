import 'reflect-metadata';
import { IsOptional } from 'class-validator';
import { CanonicalEntityDto } from './canonical-entity.dto';
import { MoneyDto } from './money.dto';
import { assertValidContract, ContractValidationError, validateContract } from './validate';
import { IsMoney } from './money-field';
import {
  IsCrossReferences,
  IsCurrencyCode,
  IsIdentifier,
  IsIsoDate,
  IsMinorUnits,
  IsMinutes,
  IsTimestamp,
  isIsoDate,
  isTimestamp,
} from './validators';

function check<T extends object>(cls: new () => T, plain: object): string[] {
  return validateContract(cls, plain).problems;
}

class Sample {
  @IsOptional() @IsCurrencyCode() currency?: string;
  @IsOptional() @IsMinorUnits() amount?: number;
  @IsOptional() @IsMinorUnits({ min: 0 }) price?: number;
  @IsOptional() @IsMinutes() minutes?: number;
  @IsOptional() @IsMinutes({ min: 1, max: 1440 }) dayMinutes?: number;
  @IsOptional() @IsIsoDate() date?: string;
  @IsOptional() @IsTimestamp() at?: string;
  @IsOptional() @IsIdentifier() id?: string;
  @IsOptional() @IsCrossReferences() refs?: Record<string, string>;
}

describe('custom validators', () => {
  it('IsCurrencyCode accepts table codes only', () => {
    expect(check(Sample, { currency: 'USD' })).toEqual([]);
    expect(check(Sample, { currency: 'KWD' })).toEqual([]);
    for (const bad of ['usd', 'US', 'XXX', ' USD', 840]) {
      expect(check(Sample, { currency: bad })).toEqual([
        'currency: currency must be a supported ISO 4217 currency code (three uppercase letters, e.g. USD)',
      ]);
    }
  });

  it('IsMinorUnits accepts safe integers (negative too) and refuses floats and strings', () => {
    for (const ok of [0, 1, -1, 123456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(check(Sample, { amount: ok })).toEqual([]);
    }
    for (const bad of [0.1, 12.5, '100', Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, null, true]) {
      expect(check(Sample, { amount: bad })).toEqual(
        bad === null ? [] : ['amount: amount must be an integer amount in minor units (no decimals)'],
      );
    }
    expect(check(Sample, { price: -1 })).toEqual([
      'price: price must be an integer amount in minor units of at least 0 (no decimals)',
    ]);
  });

  it('IsMinutes wants whole non-negative minutes within bounds', () => {
    expect(check(Sample, { minutes: 0 })).toEqual([]);
    expect(check(Sample, { minutes: 90 })).toEqual([]);
    expect(check(Sample, { minutes: -1 })).toEqual([
      'minutes: minutes must be a whole number of minutes of at least 0',
    ]);
    expect(check(Sample, { minutes: 1.5 })).toHaveLength(1);
    expect(check(Sample, { minutes: '30' })).toHaveLength(1);
    expect(check(Sample, { dayMinutes: 1440 })).toEqual([]);
    expect(check(Sample, { dayMinutes: 0 })).toEqual([
      'dayMinutes: dayMinutes must be a whole number of minutes between 1 and 1440',
    ]);
    expect(check(Sample, { dayMinutes: 1441 })).toHaveLength(1);
  });

  it('IsIsoDate wants a real calendar date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-12-31')).toBe(true);
    for (const bad of [
      '2023-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-01',
      '2025-01-01T00:00:00Z',
      '',
      20250101,
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(check(Sample, { date: '2025-02-30' })).toEqual(['date: date must be a calendar date (YYYY-MM-DD)']);
  });

  it('IsTimestamp wants RFC 3339 with a zone', () => {
    for (const ok of [
      '2025-03-01T09:30:00Z',
      '2025-03-01T09:30:00.123Z',
      '2025-03-01T09:30:00+01:00',
      '2024-02-29T23:59:59-05:30',
    ]) {
      expect(isTimestamp(ok)).toBe(true);
    }
    for (const bad of [
      '2025-03-01',
      '2025-03-01T09:30:00',
      '2025-03-01 09:30:00Z',
      '2025-02-30T00:00:00Z',
      '2025-03-01T24:00:00Z',
      'yesterday',
    ]) {
      expect(isTimestamp(bad)).toBe(false);
    }
    expect(check(Sample, { at: '2025-03-01' })).toHaveLength(1);
  });

  it('IsIdentifier accepts uuids and vendor ids, refuses blanks and odd characters', () => {
    for (const ok of ['3f2c9a4e-7b1d-4c36-9a51-0c2d7e8f1a6b', '0065e00000AbCdEAAZ', 'cus_Q1w2e3', 'erp:1187', 'a']) {
      expect(check(Sample, { id: ok })).toEqual([]);
    }
    for (const bad of ['', ' x', 'a b', '-x', 'x/y', 'a'.repeat(129), 12]) {
      expect(check(Sample, { id: bad })).toHaveLength(1);
    }
  });

  it('IsCrossReferences wants lowercase system names mapping to non-empty ids', () => {
    expect(check(Sample, { refs: {} })).toEqual([]);
    expect(check(Sample, { refs: { salesforce: '0015e00000AbCdE', 'business-central': 'C00010' } })).toEqual([]);
    expect(check(Sample, { refs: { Salesforce: 'x' } })).toEqual([
      'refs: refs has an invalid system name "Salesforce" (lowercase, e.g. salesforce)',
    ]);
    expect(check(Sample, { refs: { stripe: '' } })).toEqual([
      'refs: refs .stripe must be a non-empty string of at most 255 characters',
    ]);
    expect(check(Sample, { refs: { stripe: 42 } })).toHaveLength(1);
    expect(check(Sample, { refs: ['x'] })).toEqual(['refs: refs must be an object of system -> id']);
    expect(check(Sample, { refs: 'salesforce' })).toHaveLength(1);
  });
});

class Priced {
  @IsMoney({ min: 0 }) price: MoneyDto;
  @IsMoney({ optional: true }) discount?: MoneyDto;
}

describe('MoneyDto and IsMoney', () => {
  it('accepts integer minor units with a known currency, negative amounts included', () => {
    expect(check(MoneyDto, { amountMinor: 1234, currency: 'USD' })).toEqual([]);
    expect(check(MoneyDto, { amountMinor: -1234, currency: 'EUR' })).toEqual([]);
    expect(check(MoneyDto, { amountMinor: 1234, currency: 'KWD' })).toEqual([]);
  });

  it('names each problem', () => {
    expect(check(MoneyDto, { amountMinor: 12.34, currency: 'usd' })).toEqual([
      'amountMinor: amountMinor must be an integer amount in minor units (no decimals)',
      'currency: currency must be a supported ISO 4217 currency code (three uppercase letters, e.g. USD)',
    ]);
    expect(check(MoneyDto, { amountMinor: '1234', currency: 'USD', extra: 1 }).sort()).toEqual([
      'amountMinor: amountMinor must be an integer amount in minor units (no decimals)',
      'extra: property extra should not exist',
    ]);
  });

  it('validates nested money, its presence and its lower bound', () => {
    expect(check(Priced, { price: { amountMinor: 0, currency: 'USD' } })).toEqual([]);
    expect(check(Priced, {})).toEqual(['price: price should not be null or undefined']);
    expect(check(Priced, { price: { amountMinor: -1, currency: 'USD' } })).toEqual([
      'price: price.amountMinor must not be less than 0',
    ]);
    expect(check(Priced, { price: { amountMinor: 1.5, currency: 'USD' } })).toEqual([
      'price.amountMinor: amountMinor must be an integer amount in minor units (no decimals)',
    ]);
    expect(
      check(Priced, { price: { amountMinor: 1, currency: 'USD' }, discount: { amountMinor: -5, currency: 'XYZ' } }),
    ).toEqual([
      'discount.currency: currency must be a supported ISO 4217 currency code (three uppercase letters, e.g. USD)',
    ]);
    expect(check(Priced, { price: 100 })).toHaveLength(1);
  });
});

class Thing extends CanonicalEntityDto {}

describe('CanonicalEntityDto', () => {
  it('requires an id and a cross-reference map', () => {
    expect(
      check(Thing, { id: 'c-1', crossReferences: { salesforce: '001' }, updatedAt: '2025-01-01T00:00:00Z' }),
    ).toEqual([]);
    expect(check(Thing, {})).toEqual([
      "id: id must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
      'crossReferences: crossReferences must be an object of system -> id',
    ]);
  });
});

describe('validateContract / assertValidContract', () => {
  it('returns the typed instance or throws naming every problem', () => {
    const value = assertValidContract(MoneyDto, { amountMinor: 5, currency: 'JPY' });
    expect(value).toBeInstanceOf(MoneyDto);
    expect(() => assertValidContract(MoneyDto, { amountMinor: 0.5, currency: 'JPY' })).toThrow(ContractValidationError);
    expect(() => assertValidContract(MoneyDto, null)).toThrow('Invalid MoneyDto: MoneyDto must be an object');
    expect(
      validateContract(MoneyDto, { amountMinor: 1, currency: 'USD', extra: true }, { forbidUnknown: false }).problems,
    ).toEqual([]);
  });
});
