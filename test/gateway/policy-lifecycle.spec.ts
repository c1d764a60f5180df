/**
 * Versions and deprecation on the running gateway: a version published as deprecated answers with
 * Deprecation (RFC 9745), Sunset (RFC 8594) and Link successor-version / deprecation; the admin API
 * deprecates with a sunset date and retires (stored in PostgreSQL, seen by every replica); after the
 * sunset, or retired, 410 problem+json naming the successor.
 */
import { PolicyHarness } from './policy-harness';

describe('gateway policy: versions and deprecation', () => {
  let h: PolicyHarness;

  beforeAll(async () => {
    h = await PolicyHarness.start({}, 2);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('answers a version the contract publishes as deprecated with Deprecation, Sunset and Link', async () => {
    const res = await h.call('GET', '/system/widgets/v1/widgets');
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe(`@${Date.parse('2026-01-01T00:00:00Z') / 1000}`);
    expect(res.headers.get('sunset')).toBe('Thu, 01 Jan 2099 00:00:00 GMT');
    const link = res.headers.get('link') ?? '';
    expect(link).toContain('</system/widgets/v2>; rel="successor-version"');
    expect(link).toContain('</portal/docs/system.widgets.v1>; rel="deprecation"');
    // the deprecation link is the version's page in the developer portal
    expect((await fetch(`${h.url}/portal/docs/system.widgets.v1`)).status).toBe(200);
    // the active version carries none of them
    const v2 = await h.call('GET', '/system/widgets/v2/widgets');
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(v2.headers.get('sunset')).toBeNull();
  });

  it('lists every version with its lifecycle for the admin', async () => {
    const res = await h.admin('GET', '/versions');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          contract: 'system.widgets.v1',
          state: 'deprecated',
          source: 'contract',
          successor: 'system.widgets.v2',
        }),
        expect.objectContaining({ contract: 'system.widgets.v2', state: 'active', source: 'contract' }),
      ]),
    );
  });

  it('deprecates through the admin API, on every replica, then 410 after the sunset naming the successor', async () => {
    const sunset = new Date(Date.now() + 2500);
    const res = await h.admin('POST', '/versions/system.gadgets.v1/deprecate', {
      sunset: sunset.toISOString(),
      successor: 'system.widgets.v2',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contract: 'system.gadgets.v1',
      state: 'deprecated',
      source: 'override',
      successor: 'system.widgets.v2',
    });

    // the other replica picks it up from PostgreSQL within its refresh interval
    await new Promise((r) => setTimeout(r, 400));
    for (const replica of [0, 1]) {
      const call = await h.call('GET', '/system/gadgets/v1/gadgets', undefined, {}, replica);
      expect(call.status).toBe(200);
      expect(call.headers.get('sunset')).toBe(new Date(Math.floor(sunset.getTime() / 1000) * 1000).toUTCString());
      expect(Number(call.headers.get('deprecation')?.slice(1))).toBeLessThanOrEqual(Date.now() / 1000);
      expect(call.headers.get('link')).toContain('</system/widgets/v2>; rel="successor-version"');
    }

    await new Promise((r) => setTimeout(r, Math.max(0, sunset.getTime() - Date.now()) + 50));
    const before = h.hits.length;
    const gone = await h.call('GET', '/system/gadgets/v1/gadgets', undefined, {}, 1);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(gone.body).toMatchObject({ successor: 'system.widgets.v2', successorPath: '/system/widgets/v2' });
    expect(gone.body.detail).toContain('system.widgets.v2');
    expect(h.hits.length).toBe(before);
  });

  it('retires at once (410) and resets to the published lifecycle', async () => {
    const retired = await h.admin('POST', '/versions/system.widgets.v1/retire', {});
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ state: 'retired', successor: 'system.widgets.v2' });
    const gone = await h.call('GET', '/system/widgets/v1/widgets');
    expect(gone.status).toBe(410);
    expect(gone.body.type).toMatch(/version-retired$/);
    expect(gone.body.detail).toContain('system.widgets.v2');

    const reset = await h.admin('POST', '/versions/system.widgets.v1/reset');
    expect(reset.body).toMatchObject({ state: 'deprecated', source: 'contract' });
    expect((await h.call('GET', '/system/widgets/v1/widgets')).status).toBe(200);
  });

  it('refuses bad admin input with problem+json and requires the admin scope', async () => {
    const unknown = await h.admin('POST', '/versions/system.nothing.v9/deprecate', { sunset: '2030-01-01T00:00:00Z' });
    expect(unknown.status).toBe(404);
    const bad = await h.admin('POST', '/versions/system.widgets.v2/deprecate', { sunset: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const plain = await h.consumerWithKey('not-admin', { scopes: ['widgets:read'] });
    const denied = await h.admin('POST', '/versions/system.widgets.v2/retire', {}, plain.key);
    expect(denied.status).toBe(403);
  });
});
