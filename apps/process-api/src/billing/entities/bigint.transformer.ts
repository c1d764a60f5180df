import type { ValueTransformer } from 'typeorm';

/** A PostgreSQL bigint as a JavaScript bigint (money is never squeezed through a number). */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
