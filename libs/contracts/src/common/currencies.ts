/**
 * ISO 4217 currencies the canonical model accepts, with their minor units (the number of decimal
 * places between the major and the minor unit: USD 2 = cents, JPY 0, KWD 3 = fils).
 *
 * Source: the ISO 4217 list (SIX, "List One"). Only active circulating currencies are listed;
 * fund codes (CLF, UYW...), precious metals (XAU...) and testing codes (XTS, XXX) are left out on
 * purpose: nothing in professional-services billing is invoiced in them.
 */
export interface CurrencyInfo {
  /** ISO 4217 alphabetic code, three uppercase letters. */
  readonly code: string;
  /** Decimal places of the minor unit (0, 2 or 3 in this table). */
  readonly minorUnits: number;
  /** English name as published by ISO 4217. */
  readonly name: string;
}

const table: ReadonlyArray<readonly [code: string, minorUnits: number, name: string]> = [
  ['AED', 2, 'UAE Dirham'],
  ['ARS', 2, 'Argentine Peso'],
  ['AUD', 2, 'Australian Dollar'],
  ['BDT', 2, 'Taka'],
  ['BGN', 2, 'Bulgarian Lev'],
  ['BHD', 3, 'Bahraini Dinar'],
  ['BIF', 0, 'Burundi Franc'],
  ['BRL', 2, 'Brazilian Real'],
  ['CAD', 2, 'Canadian Dollar'],
  ['CHF', 2, 'Swiss Franc'],
  ['CLP', 0, 'Chilean Peso'],
  ['CNY', 2, 'Yuan Renminbi'],
  ['COP', 2, 'Colombian Peso'],
  ['CZK', 2, 'Czech Koruna'],
  ['DJF', 0, 'Djibouti Franc'],
  ['DKK', 2, 'Danish Krone'],
  ['EGP', 2, 'Egyptian Pound'],
  ['EUR', 2, 'Euro'],
  ['GBP', 2, 'Pound Sterling'],
  ['GNF', 0, 'Guinean Franc'],
  ['HKD', 2, 'Hong Kong Dollar'],
  ['HUF', 2, 'Forint'],
  ['IDR', 2, 'Rupiah'],
  ['ILS', 2, 'New Israeli Sheqel'],
  ['INR', 2, 'Indian Rupee'],
  ['IQD', 3, 'Iraqi Dinar'],
  ['ISK', 0, 'Iceland Krona'],
  ['JOD', 3, 'Jordanian Dinar'],
  ['JPY', 0, 'Yen'],
  ['KES', 2, 'Kenyan Shilling'],
  ['KMF', 0, 'Comorian Franc'],
  ['KRW', 0, 'Won'],
  ['KWD', 3, 'Kuwaiti Dinar'],
  ['LKR', 2, 'Sri Lanka Rupee'],
  ['LYD', 3, 'Libyan Dinar'],
  ['MAD', 2, 'Moroccan Dirham'],
  ['MXN', 2, 'Mexican Peso'],
  ['MYR', 2, 'Malaysian Ringgit'],
  ['NGN', 2, 'Naira'],
  ['NOK', 2, 'Norwegian Krone'],
  ['NZD', 2, 'New Zealand Dollar'],
  ['OMR', 3, 'Rial Omani'],
  ['PEN', 2, 'Sol'],
  ['PHP', 2, 'Philippine Peso'],
  ['PKR', 2, 'Pakistan Rupee'],
  ['PLN', 2, 'Zloty'],
  ['PYG', 0, 'Guarani'],
  ['QAR', 2, 'Qatari Rial'],
  ['RON', 2, 'Romanian Leu'],
  ['RSD', 2, 'Serbian Dinar'],
  ['RWF', 0, 'Rwanda Franc'],
  ['SAR', 2, 'Saudi Riyal'],
  ['SEK', 2, 'Swedish Krona'],
  ['SGD', 2, 'Singapore Dollar'],
  ['THB', 2, 'Baht'],
  ['TND', 3, 'Tunisian Dinar'],
  ['TRY', 2, 'Turkish Lira'],
  ['TWD', 2, 'New Taiwan Dollar'],
  ['UAH', 2, 'Hryvnia'],
  ['UGX', 0, 'Uganda Shilling'],
  ['USD', 2, 'US Dollar'],
  ['UYU', 2, 'Peso Uruguayo'],
  ['VND', 0, 'Dong'],
  ['VUV', 0, 'Vatu'],
  ['XAF', 0, 'CFA Franc BEAC'],
  ['XOF', 0, 'CFA Franc BCEAO'],
  ['XPF', 0, 'CFP Franc'],
  ['ZAR', 2, 'Rand'],
];

/** Every supported currency by code. */
export const CURRENCIES: Readonly<Record<string, CurrencyInfo>> = Object.freeze(
  Object.fromEntries(table.map(([code, minorUnits, name]) => [code, Object.freeze({ code, minorUnits, name })])),
);

/** Supported ISO 4217 codes, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze(table.map(([code]) => code));

/** True when `code` is a supported ISO 4217 code (exactly three uppercase letters, no trimming). */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, code);
}

/** Thrown for a currency code that is not in the table. */
export class UnknownCurrencyError extends Error {
  constructor(readonly currency: unknown) {
    super(`Unknown ISO 4217 currency code: ${JSON.stringify(currency)}`);
    this.name = 'UnknownCurrencyError';
  }
}

/** Minor units of a currency (USD 2, JPY 0, KWD 3); throws UnknownCurrencyError for an unknown code. */
export function currencyMinorUnits(code: string): number {
  if (!isCurrencyCode(code)) throw new UnknownCurrencyError(code);
  return CURRENCIES[code].minorUnits;
}
