import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { MoneyDto } from './money.dto';
import { InCurrencyOf, MinMoney } from './validators';

export interface MoneyFieldOptions {
  /** The property may be absent (declare it with `?`). */
  optional?: boolean;
  /** Lowest allowed amountMinor (0 for rates and prices, 1 for strictly positive amounts). */
  min?: number;
  /** Name of a sibling property holding the currency this amount must be in (e.g. 'currency'). */
  currencyOf?: string;
}

/**
 * Validation for a property holding a Money (`MoneyDto`): present unless optional, an object that
 * passes MoneyDto's own rules, and optionally bounded below.
 */
export function IsMoney(options: MoneyFieldOptions = {}): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    options.optional ? IsOptional() : IsDefined(),
    ValidateNested(),
    Type(() => MoneyDto),
  ];
  if (options.min !== undefined) decorators.push(MinMoney(options.min));
  if (options.currencyOf !== undefined) decorators.push(InCurrencyOf(options.currencyOf));
  return applyDecorators(...decorators);
}
