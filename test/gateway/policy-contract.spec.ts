/**
 * Contract-driven policy on the running gateway: scopes from each operation's `security`, the
 * consumer's allowed product versions, request validation of path, query, headers and body from
 * the OpenAPI 3.0 documents (every violation listed), unknown operations, and the open endpoints.
 */
import { jsonRequest } from '@app/testing';
import { PolicyHarness, WIDGET_ID } from './policy-harness';

describe('gateway policy: contract scopes and request validation', () => {
  let h: PolicyHarness;
  let reader: { key: string };
  let v2only: { key: string };

  beforeAll(async () => {
    h = await PolicyHarness.start();
    reader = await h.consumerWithKey('widget-reader', { kind: 'partner', plan: 'partner', scopes: ['widgets:read'] });
    v2only = await h.consumerWithKey('v2-only', {
      kind: 'partner',
      plan: 'partner',
      scopes: ['widgets:read', 'widgets:write'],
      products: ['system.widgets.v2'],
    });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('forwards a valid call of a declared operation', async () => {
    const res = await h.call('GET', '/system/widgets/v2/widgets?limit=5&status=open', undefined, {
      'x-tenant': 'acme',
    });
    expect(res.status).toBe(200);
    expect(res.body.url).toBe('/system/widgets/v2/widgets?limit=5&status=open');
  });

  it('answers 403 problem+json naming the missing scope, and forwards nothing', async () => {
    const before = h.hits.length;
    const res = await h.call(
      'POST',
      '/system/widgets/v2/widgets',
      { name: 'w', amount: { amountMinor: 1, currency: 'EUR' } },
      { 'x-api-key': reader.key },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toMatch(/insufficient-scope$/);
    expect(res.body.missingScopes).toEqual(['widgets:write']);
    expect(res.body.detail).toContain('widgets:write');
    // the read scope is enough to read
    expect((await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': reader.key })).status).toBe(
      200,
    );
    expect(h.hits.length).toBe(before + 1);
  });

  it('answers 403 when the product version is not one the consumer may call', async () => {
    const res = await h.call('GET', '/system/widgets/v1/widgets', undefined, { 'x-api-key': v2only.key });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/product-not-allowed$/);
    expect(res.body.detail).toContain('system.widgets.v1');
    expect((await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': v2only.key })).status).toBe(
      200,
    );
  });

  it('lists every violation of path, query, headers and body in one 400, and forwards nothing', async () => {
    const before = h.hits.length;
    const res = await h.call(
      'POST',
      '/system/widgets/v2/widgets?delayMs=-1',
      { name: '', amount: { amountMinor: 1.5, currency: 'eur' }, colour: 'red', startsOn: 'tomorrow' },
      {},
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toMatch(/validation-failed$/);
    const errors = res.body.errors as Array<{ in: string; name?: string; pointer?: string; message: string }>;
    const where = errors.map((e) => `${e.in}:${e.name ?? e.pointer}`).sort();
    expect(where).toEqual(
      [
        'body:/amount/amountMinor',
        'body:/amount/currency',
        'body:/colour',
        'body:/name',
        'body:/startsOn',
        'query:delayMs',
      ].sort(),
    );
    for (const e of errors) expect(e.message.length).toBeGreaterThan(3);
    expect(h.hits.length).toBe(before);

    const get = await h.call('GET', '/system/widgets/v2/widgets?limit=500&status=maybe', undefined, {
      'x-tenant': 'far-too-long',
    });
    expect(get.status).toBe(400);
    expect(get.body.errors.map((e: { in: string; name: string }) => `${e.in}:${e.name}`).sort()).toEqual(
      ['header:x-tenant', 'query:limit', 'query:status'].sort(),
    );
    expect(get.body.errors.find((e: { name: string }) => e.name === 'status').message).toContain('open, closed');
    const item = await h.call('GET', '/system/widgets/v2/widgets/not-a-uuid');
    expect(item.status).toBe(400);
    expect(item.body.errors).toEqual([expect.objectContaining({ in: 'path', name: 'id' })]);
    expect(h.hits.length).toBe(before);
  });

  it('reads OpenAPI 3.0 semantics: nullable, formats, coerced query parameters, required body', async () => {
    const ok = await h.call('POST', '/system/widgets/v2/widgets?delayMs=0', {
      name: 'ok',
      amount: { amountMinor: 150, currency: 'EUR' },
      note: null,
      owner: null,
      startsOn: '2026-11-22',
    });
    expect(ok.status).toBe(201);
    // the body reaches the upstream byte for byte
    expect(JSON.parse(h.hits[h.hits.length - 1].body)).toMatchObject({ name: 'ok', note: null });

    const missing = await jsonRequest(`${h.url}/system/widgets/v2/widgets`, 'POST', undefined, {
      'x-api-key': (await h.consumerWithKey('writer', { scopes: ['widgets:write'] })).key,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ in: 'body', message: expect.stringContaining('required') });

    expect((await h.call('GET', `/system/widgets/v2/widgets/${WIDGET_ID}`)).status).toBe(200);
  });

  it('answers 404 for an operation no contract declares, 405 for an undeclared method', async () => {
    const unknown = await h.call('GET', '/system/widgets/v2/sprockets');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const method = await h.call('DELETE', `/system/widgets/v2/widgets/${WIDGET_ID}`);
    expect(method.status).toBe(405);
  });

  it('keeps health, the token endpoint, JWKS and the spec downloads open; everything else needs credentials', async () => {
    for (const open of [
      '/health/live',
      '/.well-known/jwks.json',
      '/docs',
      '/portal',
      '/openapi/system.widgets.v2.json',
    ]) {
      const res = await fetch(`${h.url}${open}`);
      expect([open, res.status]).toEqual([open, 200]);
    }
    const token = await fetch(`${h.url}/oauth2/token`, {
      method: 'POST',
      body: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(token.status).not.toBe(404);
    for (const closed of ['/system/widgets/v2/widgets', '/gateway/admin/v1/versions', '/gateway/admin/v1/usage']) {
      const res = await fetch(`${h.url}${closed}`);
      expect([closed, res.status]).toEqual([closed, 401]);
    }
  });
});
