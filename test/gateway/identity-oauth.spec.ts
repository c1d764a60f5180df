import { jsonRequest } from '@app/testing';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { IdentityHarness, tokenRequest } from './identity-harness';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('gateway identity: OAuth2 client credentials, ES256 JWTs and JWKS (real PostgreSQL, real HTTP)', () => {
  let h: IdentityHarness;
  let clientId: string;
  let clientSecret: string;
  let consumerId: string;

  const asBearer = (token: string) => h.admin('GET', '/signing-keys', undefined, { authorization: `Bearer ${token}` });

  /** A token the gateway itself would sign, with claims overridden. */
  async function forge(claims: Record<string, unknown>, exp = '5m'): Promise<string> {
    const token = (
      await tokenRequest(h.url, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
    ).body.access_token as string;
    const [header] = token.split('.');
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
    const [row] = await h.sql<{ private_jwk: string }>('SELECT private_jwk FROM gateway.signing_keys WHERE kid = $1', [
      kid,
    ]);
    const key = await importJWK(JSON.parse(row.private_jwk), 'ES256');
    const base = {
      iss: 'ps-gateway',
      aud: 'ps-gateway',
      sub: consumerId,
      jti: 'forged',
      scope: 'admin',
      client_id: clientId,
    };
    return new SignJWT({ ...base, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  }

  beforeAll(async () => {
    h = await IdentityHarness.start(1, { GATEWAY_TOKEN_TTL_SECONDS: '120' });
    const created = await h.admin('POST', '/consumers', {
      name: 'erp-sync',
      kind: 'internal',
      scopes: ['admin', 'crm:read', 'erp:write'],
    });
    consumerId = created.body.consumerId;
    const client = await h.admin('POST', '/consumers/erp-sync/clients');
    expect(client.status).toBe(201);
    ({ clientId, clientSecret } = client.body);
  });
  afterAll(() => h?.stop());

  it('issues a short-lived ES256 JWT with iss, aud, sub, scope, exp, iat, jti and kid; the JWKS verifies it', async () => {
    const res = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'admin crm:read erp:write' });
    const [header, payload] = (res.body.access_token as string)
      .split('.')
      .map((p, i) => (i < 2 ? JSON.parse(Buffer.from(p, 'base64url').toString()) : p));
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: 'ps-gateway',
      aud: 'ps-gateway',
      sub: consumerId,
      scope: 'admin crm:read erp:write',
      client_id: clientId,
    });
    expect(payload.exp - payload.iat).toBe(120);
    expect(typeof payload.jti).toBe('string');
    const jwks = await jsonRequest(`${h.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const jwk = jwks.body.keys.find((k: { kid: string }) => k.kid === header.kid);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk.d).toBeUndefined();
    const { jwtVerify } = await import('jose');
    await expect(jwtVerify(res.body.access_token, await importJWK(jwk, 'ES256'))).resolves.toBeDefined();
    // And the gateway accepts it.
    expect((await asBearer(res.body.access_token)).status).toBe(200);
  });

  it('HTTP Basic client authentication and scope narrowing', async () => {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const res = await tokenRequest(
      h.url,
      { grant_type: 'client_credentials', scope: 'crm:read' },
      { authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('crm:read');
    // Narrowed to crm:read: the admin API refuses it with 403 (authenticated, scope missing).
    expect((await asBearer(res.body.access_token)).status).toBe(403);
  });

  it('RFC 6749 errors: invalid_client 401, invalid_scope 400, unsupported_grant_type 400, invalid_request 400', async () => {
    const wrong = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    const none = await tokenRequest(h.url, { grant_type: 'client_credentials' });
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_client');
    const scope = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'crm:read billing:write',
    });
    expect(scope.status).toBe(400);
    expect(scope.body).toEqual({ error: 'invalid_scope', error_description: expect.stringContaining('billing:write') });
    const grant = await tokenRequest(h.url, {
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const json = await jsonRequest(`${h.url}/oauth2/token`, 'POST', { grant_type: 'client_credentials' });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
  });

  describe('verification rejects', () => {
    it('alg none', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'ps-gateway', aud: 'ps-gateway', sub: consumerId, scope: 'admin', client_id: clientId, exp: Math.floor(Date.now() / 1000) + 60, jti: 'x' })}.`;
      const res = await asBearer(token);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/alg none/);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    });

    it('HS256 with the public key as the HMAC secret', async () => {
      const jwks = (await jsonRequest(`${h.url}/.well-known/jwks.json`)).body.keys;
      const secret = JSON.stringify(jwks[0]);
      const head = b64({ alg: 'HS256', typ: 'JWT', kid: jwks[0].kid });
      const body = b64({
        iss: 'ps-gateway',
        aud: 'ps-gateway',
        sub: consumerId,
        scope: 'admin',
        client_id: clientId,
        exp: Math.floor(Date.now() / 1000) + 60,
        jti: 'x',
      });
      const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
      const res = await asBearer(`${head}.${body}.${sig}`);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/HS256/);
    });

    it('a wrong issuer', async () => {
      const res = await asBearer(await forge({ iss: 'someone-else' }));
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/iss/);
    });

    it('a wrong audience', async () => {
      const res = await asBearer(await forge({ aud: 'another-api' }));
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/aud/);
    });

    it('an expired token', async () => {
      const res = await asBearer(await forge({}, '-10s'));
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it('an unknown kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ scope: 'admin', client_id: clientId })
        .setProtectedHeader({ alg: 'ES256', kid: 'not-a-gateway-key' })
        .setIssuer('ps-gateway')
        .setAudience('ps-gateway')
        .setSubject(consumerId)
        .setJti('x')
        .setExpirationTime('5m')
        .sign(privateKey);
      const res = await asBearer(token);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/unknown/);
    });

    it('a bad signature (a known kid, signed by another key)', async () => {
      const kid = (await jsonRequest(`${h.url}/.well-known/jwks.json`)).body.keys[0].kid;
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = await new SignJWT({ scope: 'admin', client_id: clientId })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer('ps-gateway')
        .setAudience('ps-gateway')
        .setSubject(consumerId)
        .setJti('x')
        .setExpirationTime('5m')
        .sign(privateKey);
      const res = await asBearer(token);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/signature/);
    });

    it('a malformed token', async () => {
      const res = await asBearer('not.a.jwt');
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/malformed/);
    });

    it('a token of a revoked client', async () => {
      const client = (await h.admin('POST', '/consumers/erp-sync/clients')).body;
      const token = (
        await tokenRequest(h.url, {
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
        })
      ).body.access_token;
      expect((await asBearer(token)).status).toBe(200);
      expect((await h.admin('POST', `/consumers/erp-sync/clients/${client.clientId}/revoke`)).status).toBe(200);
      expect((await asBearer(token)).status).toBe(401);
      const again = await tokenRequest(h.url, {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      });
      expect(again.body.error).toBe('invalid_client');
    });
  });

  it('secret rotation: new secret shown once, the old one works during the overlap only', async () => {
    const client = (await h.admin('POST', '/consumers/erp-sync/clients')).body;
    const rotated = await h.admin('POST', `/consumers/erp-sync/clients/${client.clientId}/rotate-secret`, {
      overlapMinutes: 0,
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.clientSecret).not.toBe(client.clientSecret);
    const old = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(old.status).toBe(401);
    const fresh = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: rotated.body.clientSecret,
    });
    expect(fresh.status).toBe(200);
    const [row] = await h.sql<{ secret_hash: string }>(
      'SELECT secret_hash FROM gateway.oauth_clients WHERE client_id = $1',
      [client.clientId],
    );
    expect(row.secret_hash).not.toContain(rotated.body.clientSecret);
  });

  it('signing-key rotation: new tokens carry the new kid, old tokens stay valid, both keys in the JWKS', async () => {
    const before = (
      await tokenRequest(h.url, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
    ).body.access_token as string;
    const oldKid = JSON.parse(Buffer.from(before.split('.')[0], 'base64url').toString()).kid;
    const rotated = await h.admin('POST', '/signing-keys/rotate');
    expect(rotated.status).toBe(201);
    const active = rotated.body.find((k: { active: boolean }) => k.active);
    expect(active.kid).not.toBe(oldKid);
    const retired = rotated.body.find((k: { kid: string }) => k.kid === oldKid);
    expect(Date.parse(retired.verifyUntil)).toBeGreaterThan(Date.now() + 120_000);
    const after = (
      await tokenRequest(h.url, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
    ).body.access_token as string;
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(active.kid);
    const kids = (await jsonRequest(`${h.url}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, active.kid]));
    expect((await asBearer(before)).status).toBe(200);
    expect((await asBearer(after)).status).toBe(200);
    // Once the old key's tokens have all expired, it leaves the JWKS.
    await h.sql(`UPDATE gateway.signing_keys SET verify_until = now() WHERE kid = $1`, [oldKid]);
    await h.sql(`SELECT pg_notify('gateway_identity', '{"kind":"signing-keys"}')`);
    await new Promise((r) => setTimeout(r, 300));
    const later = (await jsonRequest(`${h.url}/.well-known/jwks.json`)).body.keys.map((k: { kid: string }) => k.kid);
    expect(later).toEqual([active.kid]);
  });
});

describe('gateway identity: signing keys sealed at rest (GATEWAY_SIGNING_KEY_SECRET)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await IdentityHarness.start(1, { GATEWAY_SIGNING_KEY_SECRET: 'test-signing-key-secret-0123' });
  });
  afterAll(() => h?.stop());

  it('stores the private key AES-256-GCM sealed, and still signs tokens the JWKS verifies', async () => {
    const rows = await h.sql<{ private_jwk: string }>('SELECT private_jwk FROM gateway.signing_keys');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.private_jwk.startsWith('enc:')).toBe(true);
      expect(row.private_jwk).not.toContain('"d"');
    }
    await h.admin('POST', '/consumers', { name: 'sealed', scopes: ['admin'] });
    const client = (await h.admin('POST', '/consumers/sealed/clients')).body;
    const token = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(token.status).toBe(200);
    const res = await h.admin('GET', '/signing-keys', undefined, {
      authorization: `Bearer ${token.body.access_token}`,
    });
    expect(res.status).toBe(200);
  });
});
