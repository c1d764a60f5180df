import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Length of the lookup prefix shown in lists and logs (`psk_` + 8 characters). */
export const PREFIX_LENGTH = 12;

/**
 * SHA-256 of a high-entropy secret (an API key or client secret the gateway generated: 256 random
 * bits). A slow password hash buys nothing against brute force of 2^256 and would cost a CPU-bound
 * hash on every cache miss; see docs/decisions/0002-api-key-hashing.md.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new API key: 32 random bytes, base64url, with a recognisable prefix. Shown once, stored hashed. */
export function generateApiKey(): string {
  return `psk_${randomBytes(32).toString('base64url')}`;
}

/** A new OAuth client id (public) and secret (32 random bytes, shown once). */
export function generateClientId(): string {
  return `psc_${randomBytes(12).toString('base64url')}`;
}

export function generateClientSecret(): string {
  return `pss_${randomBytes(32).toString('base64url')}`;
}

export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/** AES-256-GCM sealing of a private key at rest with a secret from the environment. */
export function seal(plain: string, secret: string | undefined): string {
  if (!secret) return plain;
  const key = createHash('sha256').update(secret).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `enc:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function unseal(stored: string, secret: string | undefined): string {
  if (!stored.startsWith('enc:')) return stored;
  if (!secret) throw new Error('a signing key is encrypted but GATEWAY_SIGNING_KEY_SECRET is not set');
  const raw = Buffer.from(stored.slice(4), 'base64');
  const key = createHash('sha256').update(secret).digest();
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
