import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Schema fragments for `@ApiProperty(...)` where the swagger CLI plugin cannot infer the format
 * from the TypeScript type (our custom validators are invisible to it). Spread and add an example:
 * `@ApiProperty({ ...ISO_DATE_PROPERTY, example: '2025-01-31' })`.
 */
export const ISO_DATE_PROPERTY = { type: 'string', format: 'date', example: '2025-01-31' } satisfies ApiPropertyOptions;
export const TIMESTAMP_PROPERTY = {
  type: 'string',
  format: 'date-time',
  example: '2025-01-31T17:45:00Z',
} satisfies ApiPropertyOptions;
export const CURRENCY_CODE_PROPERTY = {
  type: 'string',
  pattern: '^[A-Z]{3}$',
  minLength: 3,
  maxLength: 3,
  example: 'USD',
} satisfies ApiPropertyOptions;
export const MINUTES_PROPERTY = {
  type: 'integer',
  format: 'int32',
  minimum: 0,
  example: 480,
} satisfies ApiPropertyOptions;
export const CROSS_REFERENCES_PROPERTY = {
  type: 'object',
  additionalProperties: { type: 'string', minLength: 1, maxLength: 255 },
  example: { salesforce: '0015e00000AbCdEAAZ', netsuite: '1187' },
} satisfies ApiPropertyOptions;
