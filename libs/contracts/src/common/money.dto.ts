import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CURRENCY_CODE_PROPERTY } from './api-properties';
import type { Money } from './money';
import { IsCurrencyCode, IsMinorUnits } from './validators';

/**
 * An amount of money: integer minor units and an ISO 4217 currency. Never a float:
 * 12.34 USD is `{ "amountMinor": 1234, "currency": "USD" }`, 500 JPY is `{ "amountMinor": 500, "currency": "JPY" }`.
 */
@ApiSchema({ name: 'Money' })
export class MoneyDto implements Money {
  /** Amount in the currency's minor unit (cents for USD, fils for KWD, yen for JPY); negative for credits. */
  @ApiProperty({ type: 'integer', format: 'int64', example: 125000 })
  @IsMinorUnits()
  amountMinor: number;

  /**
   * ISO 4217 alphabetic code; the server accepts the codes in its currency table (see CURRENCY_CODES).
   * Documented as a pattern, not an enum, so supporting one more currency stays a compatible change.
   */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;
}
