import { jsonRequest } from '@app/testing';
import { DEMO_KEY, IdentityHarness } from './identity-harness';

describe('gateway identity: consumers and API keys (real PostgreSQL, real HTTP)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });
  afterAll(() => h?.stop());

  it('the demo consumer (DEMO_API_KEY) is internal and holds admin and the contracts scopes', async () => {
    const res = await h.admin('GET', '/consumers/demo');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'demo', kind: 'internal', products: null, legalEntities: null });
    expect(res.body.scopes).toContain('admin');
    expect(res.body.keys).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain(DEMO_KEY);
  });

  it('no credentials, an unknown key, another scheme: 401 problem+json naming the reason', async () => {
    const none = await jsonRequest(`${h.url}/gateway/admin/v1/consumers`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body.detail).toMatch(/X-API-Key/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="gateway"/);
    const wrong = await h.admin('GET', '/consumers', undefined, { 'x-api-key': 'psk_not-a-key-that-exists-anywhere' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toMatch(/not valid/);
    const basic = await h.admin('GET', '/consumers', undefined, { authorization: 'Basic Zm9vOmJhcg==' });
    expect(basic.status).toBe(401);
    expect(basic.body.detail).toMatch(/Bearer/);
  });

  it('a key is 32 random bytes shown once, stored only as its SHA-256, with a lookup prefix', async () => {
    const { key, keyId, consumerId } = await h.consumerWithKey('acme-portal', {
      kind: 'partner',
      plan: 'partner',
      scopes: ['crm:read'],
      products: ['system.crm.v1'],
      legalEntities: ['LE-UK'],
    });
    expect(key).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    const [row] = await h.sql<{ prefix: string; key_hash: string }>(
      'SELECT prefix, key_hash FROM gateway.api_keys WHERE id = $1',
      [keyId],
    );
    expect(row.prefix).toBe(key.slice(0, 12));
    expect(row.key_hash).toBe(require('node:crypto').createHash('sha256').update(key).digest('hex'));
    const dump = JSON.stringify(await h.sql('SELECT * FROM gateway.api_keys'));
    expect(dump).not.toContain(key);
    const shown = await h.admin('GET', `/consumers/${consumerId}`);
    expect(JSON.stringify(shown.body)).not.toContain(key);
    expect(shown.body.keys[0]).toMatchObject({ keyId, prefix: key.slice(0, 12), status: 'active' });
  });

  it('a partner without the admin scope is authenticated but gets 403 from the admin API', async () => {
    const { key } = await h.consumerWithKey('no-admin', { scopes: ['crm:read'] });
    const res = await h.admin('GET', '/consumers', undefined, { 'x-api-key': key });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/admin scope/);
  });

  it('granting the admin scope takes effect at once (cache invalidated)', async () => {
    const { key } = await h.consumerWithKey('promoted', { scopes: [] });
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': key })).status).toBe(403);
    expect((await h.admin('PATCH', '/consumers/promoted', { scopes: ['admin'] })).status).toBe(200);
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': key })).status).toBe(200);
  });

  it('an expired key is refused', async () => {
    const { key, keyId } = await h.consumerWithKey('short-lived', { scopes: ['admin'] });
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': key })).status).toBe(200);
    await h.sql(`UPDATE gateway.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [keyId]);
    await h.sql(`SELECT pg_notify('gateway_identity', $1)`, [JSON.stringify({ kind: 'key', id: keyId })]);
    await new Promise((r) => setTimeout(r, 200));
    const res = await h.admin('GET', '/consumers', undefined, { 'x-api-key': key });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('rotation: a new key shown once, the old one valid until now + overlap, then refused', async () => {
    const { key: oldKey, keyId } = await h.consumerWithKey('rotating', { scopes: ['admin'] });
    const before = Date.now();
    const rotated = await h.admin('POST', `/consumers/rotating/keys/${keyId}/rotate`, { overlapMinutes: 5 });
    expect(rotated.status).toBe(201);
    const newKey = rotated.body.issued.key as string;
    expect(newKey).not.toBe(oldKey);
    expect(rotated.body.issued.rotatedFrom).toBe(keyId);
    const until = Date.parse(rotated.body.previous.expiresAt);
    expect(until).toBeGreaterThanOrEqual(before + 5 * 60_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 5 * 60_000 + 1000);
    // Both work during the overlap.
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': oldKey })).status).toBe(200);
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': newKey })).status).toBe(200);
    // Overlap 0: the old key stops at once.
    const again = await h.admin('POST', `/consumers/rotating/keys/${rotated.body.issued.keyId}/rotate`, {
      overlapMinutes: 0,
    });
    expect(again.status).toBe(201);
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': newKey })).status).toBe(401);
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': again.body.issued.key })).status).toBe(200);
  });

  it('revocation: the key is refused at once; rotating a revoked key is 409', async () => {
    const { key, keyId } = await h.consumerWithKey('revoked-one', { scopes: ['admin'] });
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': key })).status).toBe(200);
    const revoked = await h.admin('POST', `/consumers/revoked-one/keys/${keyId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const res = await h.admin('GET', '/consumers', undefined, { 'x-api-key': key });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/revoked/);
    expect((await h.admin('POST', `/consumers/revoked-one/keys/${keyId}/rotate`, {})).status).toBe(409);
  });

  it('a disabled consumer is refused; the IP allow-list admits only its CIDRs (403 otherwise)', async () => {
    const { key } = await h.consumerWithKey('fenced', { scopes: ['admin'], ipAllowList: ['10.0.0.0/8'] });
    const fenced = await h.admin('GET', '/consumers', undefined, { 'x-api-key': key });
    expect(fenced.status).toBe(403);
    expect(fenced.body.detail).toMatch(/allow-list/);
    await h.admin('PATCH', '/consumers/fenced', { ipAllowList: ['10.0.0.0/8', '127.0.0.1/32'] });
    expect((await h.admin('GET', '/consumers', undefined, { 'x-api-key': key })).status).toBe(200);
    await h.admin('PATCH', '/consumers/fenced', { disabled: true });
    const disabled = await h.admin('GET', '/consumers', undefined, { 'x-api-key': key });
    expect(disabled.status).toBe(401);
    expect(disabled.body.detail).toMatch(/disabled/);
  });
});
