import { constants, createPublicKey, KeyObject, verify } from 'node:crypto';

/** What a verified client assertion says. */
export interface ClientAssertionClaims {
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  scope?: string | string[];
}

export interface AssertionExpectations {
  publicKey: KeyObject;
  clientId: string;
  certificateId: string;
  /** The token URL as the client reached it: the expected `aud`. */
  audience: string;
  /** Seconds since the epoch. */
  now: number;
}

/** Why an assertion was refused (the token endpoint answers `invalid_grant`/`invalid_client`). */
export class AssertionRejected extends Error {
  constructor(
    readonly error: 'invalid_client' | 'invalid_grant',
    message: string,
  ) {
    super(message);
    this.name = 'AssertionRejected';
  }
}

/** PEM from configuration (an environment variable may carry `\n` escapes). */
export function loadPublicKey(pem: string): KeyObject {
  return createPublicKey(pem.replace(/\\n/g, '\n'));
}

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AssertionRejected('invalid_grant', `the client assertion's ${what} is not base64url JSON`);
}

/**
 * Verifies a JWT client assertion the way NetSuite's OAuth 2.0 M2M flow does: alg ES256 (P-256,
 * raw r||s signature) or PS256 (RSA-PSS, SHA-256, 32-byte salt) with the certificate's public key,
 * `kid` = certificate id, `iss` = client id, `aud` = the token URL, `iat` not in the future,
 * `exp` after now and at most one hour after `iat`.
 */
export function verifyClientAssertion(jwt: string, expect: AssertionExpectations): ClientAssertionClaims {
  const parts = jwt.split('.');
  if (parts.length !== 3)
    throw new AssertionRejected('invalid_grant', 'the client assertion is not a JWS compact serialization');
  const header = decodePart(parts[0], 'header');
  const claims = decodePart(parts[1], 'payload');
  const signature = Buffer.from(parts[2], 'base64url');
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (header.kid !== expect.certificateId)
    throw new AssertionRejected('invalid_client', `unknown certificate id (kid) ${String(header.kid)}`);
  let valid: boolean;
  if (header.alg === 'ES256') {
    if (expect.publicKey.asymmetricKeyType !== 'ec')
      throw new AssertionRejected('invalid_grant', 'ES256 needs an EC certificate');
    valid = verify('sha256', data, { key: expect.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } else if (header.alg === 'PS256') {
    if (expect.publicKey.asymmetricKeyType !== 'rsa' && expect.publicKey.asymmetricKeyType !== 'rsa-pss') {
      throw new AssertionRejected('invalid_grant', 'PS256 needs an RSA certificate');
    }
    valid = verify(
      'sha256',
      data,
      { key: expect.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      signature,
    );
  } else {
    throw new AssertionRejected(
      'invalid_grant',
      `unsupported signing algorithm ${String(header.alg)} (ES256 or PS256)`,
    );
  }
  if (!valid) throw new AssertionRejected('invalid_grant', 'the client assertion signature is invalid');
  const { iss, aud, iat, exp } = claims;
  if (iss !== expect.clientId)
    throw new AssertionRejected('invalid_client', 'iss is not the client id of an integration');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expect.audience))
    throw new AssertionRejected('invalid_grant', `aud must be ${expect.audience}`);
  if (typeof iat !== 'number' || typeof exp !== 'number')
    throw new AssertionRejected('invalid_grant', 'iat and exp are required numbers');
  if (iat > expect.now + 60) throw new AssertionRejected('invalid_grant', 'iat is in the future');
  if (exp <= expect.now) throw new AssertionRejected('invalid_grant', 'the client assertion has expired');
  if (exp > iat + 3600) throw new AssertionRejected('invalid_grant', 'exp may be at most one hour after iat');
  return claims as unknown as ClientAssertionClaims;
}
