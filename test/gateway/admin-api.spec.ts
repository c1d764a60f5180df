import { IdentityHarness } from './identity-harness';

describe('gateway admin API /gateway/admin/v1 (real PostgreSQL, real HTTP)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });
  afterAll(() => h?.stop());

  it('consumers CRUD: create, list, get by name or id, update, delete', async () => {
    const created = await h.admin('POST', '/consumers', {
      name: 'contoso-bi',
      kind: 'partner',
      plan: 'partner',
      scopes: ['dashboard:read', 'crm:read', 'crm:read'],
      products: ['experience.dashboard.v1'],
      legalEntities: ['LE-US'],
      ipAllowList: ['203.0.113.0/24', '2001:db8::/32'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'contoso-bi',
      kind: 'partner',
      plan: 'partner',
      scopes: ['crm:read', 'dashboard:read'],
      products: ['experience.dashboard.v1'],
      legalEntities: ['LE-US'],
      ipAllowList: ['2001:db8::/32', '203.0.113.0/24'],
      disabled: false,
    });
    const id = created.body.consumerId;
    expect((await h.admin('GET', `/consumers/${id}`)).body.name).toBe('contoso-bi');
    const list = await h.admin('GET', '/consumers');
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['contoso-bi', 'demo']));
    const updated = await h.admin('PATCH', '/consumers/contoso-bi', { plan: 'free', legalEntities: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ plan: 'free', legalEntities: null, scopes: ['crm:read', 'dashboard:read'] });
    expect((await h.admin('POST', '/consumers', { name: 'contoso-bi' })).status).toBe(409);
    expect((await h.admin('DELETE', '/consumers/contoso-bi')).status).toBe(204);
    const gone = await h.admin('GET', `/consumers/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
  });

  it("a deleted consumer's keys stop working at once", async () => {
    const { key } = await h.consumerWithKey('short-story', { scopes: ['admin'] });
    expect((await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key })).status).toBe(200);
    expect((await h.admin('DELETE', '/consumers/short-story')).status).toBe(204);
    expect((await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key })).status).toBe(401);
  });

  it('bad input: 400 problem+json listing every invalid field', async () => {
    const res = await h.admin('POST', '/consumers', {
      name: 'Not A Name',
      kind: 'vendor',
      scopes: ['CRM READ'],
      products: ['crm'],
      ipAllowList: ['10.0.0.0/8', 'not-an-ip'],
      surprise: true,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'scopes', 'products', 'ipAllowList', 'surprise']));
    const cidr = await h.admin('POST', '/consumers', { name: 'bad-cidr', ipAllowList: ['10.0.0.0/40'] });
    expect(cidr.status).toBe(400);
    expect(cidr.body.detail).toMatch(/10\.0\.0\.0\/40/);
    const minutes = await h.admin('POST', '/consumers/demo/keys', { expiresInMinutes: -5 });
    expect(minutes.status).toBe(400);
    expect(minutes.body.errors[0].field).toBe('expiresInMinutes');
    const unknownKey = await h.admin('POST', '/consumers/demo/keys/not-a-key/revoke');
    expect(unknownKey.status).toBe(404);
    const unknownClient = await h.admin('POST', '/consumers/demo/clients/psc_nope/rotate-secret', {});
    expect(unknownClient.status).toBe(404);
  });

  it('keys: issue with an expiry, list shows prefixes and statuses, never keys or hashes', async () => {
    await h.admin('POST', '/consumers', { name: 'lister', scopes: [] });
    const a = await h.admin('POST', '/consumers/lister/keys', { expiresInMinutes: 60 });
    expect(a.status).toBe(201);
    expect(Date.parse(a.body.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    const b = await h.admin('POST', '/consumers/lister/keys', {});
    await h.admin('POST', `/consumers/lister/keys/${b.body.keyId}/revoke`);
    const list = await h.admin('GET', '/consumers/lister/keys');
    expect(list.body.map((k: { status: string }) => k.status)).toEqual(['active', 'revoked']);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(a.body.key);
    expect(text).not.toMatch(/hash/i);
  });
});

describe('gateway admin API under the same policy as every call', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });
  afterAll(() => h?.stop());

  it('answers carry the RateLimit headers of the caller plan; over the limit: 429 with Retry-After', async () => {
    const { key } = await h.consumerWithKey('free-admin', { plan: 'free', scopes: ['admin'] });
    const one = await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key });
    expect(one.status).toBe(200);
    expect(one.headers.get('ratelimit-policy')).toMatch(/"free"/);
    expect(one.headers.get('ratelimit')).toMatch(/"free";r=\d+;t=\d+/);
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key })),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited[0].headers.get('content-type')).toContain('application/problem+json');
  });
});
