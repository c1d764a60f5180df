import { jsonRequest } from '@app/testing';
import { IdentityHarness, tokenRequest } from './identity-harness';

/** Polls `probe` until it returns true; resolves with the elapsed milliseconds, or rejects after `limitMs`. */
async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('gateway identity across replicas: two gateways on one PostgreSQL (real HTTP)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    // A long cache TTL, so only the NOTIFY can explain a change seen within a second.
    h = await IdentityHarness.start(2, { GATEWAY_IDENTITY_CACHE_TTL_MS: '600000' });
  });
  afterAll(() => h?.stop());

  const status = async (replica: number, headers: Record<string, string>) =>
    (await h.admin('GET', '/signing-keys', undefined, headers, replica)).status;

  it('a key revoked through replica A is refused by replica B within 1 second', async () => {
    const { key, keyId } = await h.consumerWithKey('two-replicas', { scopes: ['admin'] });
    // Both replicas have the key cached.
    expect(await status(0, { 'x-api-key': key })).toBe(200);
    expect(await status(1, { 'x-api-key': key })).toBe(200);
    const revoked = await h.admin('POST', `/consumers/two-replicas/keys/${keyId}/revoke`, undefined, undefined, 0);
    expect(revoked.status).toBe(200);
    const elapsed = await within(1000, async () => (await status(1, { 'x-api-key': key })) === 401);
    expect(elapsed).toBeLessThan(1000);
    expect(await status(0, { 'x-api-key': key })).toBe(401);
  });

  it('a consumer disabled through B is refused by A within 1 second; a scope taken away too', async () => {
    const { key } = await h.consumerWithKey('toggled', { scopes: ['admin'] });
    expect(await status(0, { 'x-api-key': key })).toBe(200);
    await h.admin('PATCH', '/consumers/toggled', { scopes: ['crm:read'] }, undefined, 1);
    await within(1000, async () => (await status(0, { 'x-api-key': key })) === 403);
    await h.admin('PATCH', '/consumers/toggled', { disabled: true }, undefined, 1);
    await within(1000, async () => (await status(0, { 'x-api-key': key })) === 401);
  });

  it('a client revoked through A: its token is refused by B within 1 second', async () => {
    await h.admin('POST', '/consumers', { name: 'token-user', scopes: ['admin'] });
    const client = (await h.admin('POST', '/consumers/token-user/clients')).body;
    const token = (
      await tokenRequest(h.gateways[1].url, {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      })
    ).body.access_token;
    expect(await status(1, { authorization: `Bearer ${token}` })).toBe(200);
    await h.admin('POST', `/consumers/token-user/clients/${client.clientId}/revoke`, undefined, undefined, 0);
    await within(1000, async () => (await status(1, { authorization: `Bearer ${token}` })) === 401);
  });

  it('a signing key rotated through A: B publishes it in its JWKS and accepts its tokens', async () => {
    await h.admin('POST', '/consumers', { name: 'rotation-watcher', scopes: ['admin'] });
    const client = (await h.admin('POST', '/consumers/rotation-watcher/clients')).body;
    const rotated = await h.admin('POST', '/signing-keys/rotate', undefined, undefined, 0);
    const kid = rotated.body.find((k: { active: boolean }) => k.active).kid;
    await within(1000, async () =>
      (await jsonRequest(`${h.gateways[1].url}/.well-known/jwks.json`)).body.keys.some(
        (k: { kid: string }) => k.kid === kid,
      ),
    );
    const token = (
      await tokenRequest(h.gateways[0].url, {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      })
    ).body.access_token;
    expect(await status(1, { authorization: `Bearer ${token}` })).toBe(200);
  });
});

describe('gateway identity: the cache TTL is a safety net when a notification is missed', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await IdentityHarness.start(1, { GATEWAY_IDENTITY_CACHE_TTL_MS: '500' });
  });
  afterAll(() => h?.stop());

  it("a key revoked behind the gateway's back (no NOTIFY) is refused once its cache entry expires", async () => {
    const { key, keyId } = await h.consumerWithKey('silent', { scopes: ['admin'] });
    expect((await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key })).status).toBe(200);
    await h.sql('UPDATE gateway.api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
    const elapsed = await within(
      2000,
      async () => (await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key })).status === 401,
    );
    expect(elapsed).toBeLessThan(2000);
  });
});
