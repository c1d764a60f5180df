/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix, 2-character pod,
 * 1 reserved character, 9-character base-62 record number) plus a 3-character suffix that encodes
 * the case of the first 15 so the 18-character form is safe in case-insensitive systems.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const POD = '5g';
const RESERVED = '0';

function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** True for a well-formed 15- or 18-character id (the 18-character suffix must match). */
export function isSalesforceId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) return false;
  if (value.length === 18) return checksum(value.slice(0, 15)) === value.slice(15).toUpperCase();
  return true;
}

/** The 18-character form of a 15- or 18-character id; undefined when malformed. */
export function toId18(value: string): string | undefined {
  if (!isSalesforceId(value)) return undefined;
  const id15 = value.slice(0, 15);
  return id15 + checksum(id15);
}

/** Builds the 18-character id of record number `n` for a key prefix (deterministic). */
export function makeSalesforceId(keyPrefix: string, n: number | bigint): string {
  let rest = BigInt(n);
  if (rest < 0n) throw new RangeError('record number must be positive');
  let digits = '';
  for (let i = 0; i < 9; i++) {
    digits = BASE62[Number(rest % 62n)] + digits;
    rest /= 62n;
  }
  if (rest > 0n) throw new RangeError('record number too large');
  const id15 = keyPrefix + POD + RESERVED + digits;
  return id15 + checksum(id15);
}
