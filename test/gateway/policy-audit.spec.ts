/**
 * Audit and usage on the running gateway: every call is recorded (consumer, product, version,
 * operation, status, latency, bytes, correlation id), bad-input attempts included, written in
 * batches off the request path; the usage API (admin scope) reports calls per consumer per product
 * version per day with error rate and p95 latency, and the sunset readiness of deprecated versions.
 */
import { PolicyHarness } from './policy-harness';

interface AuditRow {
  consumer_id: string | null;
  consumer_name: string | null;
  contract: string | null;
  product: string | null;
  version: number | null;
  operation_id: string | null;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  bytes_in: number;
  bytes_out: number;
  correlation_id: string | null;
  reason: string | null;
}

describe('gateway policy: audit and usage', () => {
  let h: PolicyHarness;
  let partner: { consumerId: string; key: string };

  beforeAll(async () => {
    h = await PolicyHarness.start({ GATEWAY_AUDIT_FLUSH_MS: '100' });
    partner = await h.consumerWithKey('audited-partner', {
      kind: 'partner',
      plan: 'partner',
      scopes: ['widgets:read'],
    });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function rows(where: string, params: unknown[]): Promise<AuditRow[]> {
    for (let i = 0; i < 40; i++) {
      const found = await h.sql<AuditRow>(`SELECT * FROM gateway.audit_records WHERE ${where} ORDER BY id`, params);
      if (found.length) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    return [];
  }

  it('records a forwarded call with everything the usage reports need, written in a batch after the answer', async () => {
    const res = await h.call('GET', '/system/widgets/v1/widgets?limit=3', undefined, {
      'x-api-key': partner.key,
      'x-correlation-id': 'audit-ok-1',
    });
    expect(res.status).toBe(200);
    const [row] = await rows('correlation_id = $1', ['audit-ok-1']);
    expect(row).toMatchObject({
      consumer_id: partner.consumerId,
      consumer_name: 'audited-partner',
      contract: 'system.widgets.v1',
      product: 'system.widgets',
      version: 1,
      operation_id: 'Widgets_list',
      method: 'GET',
      path: '/system/widgets/v1/widgets',
      status: 200,
      reason: null,
    });
    expect(row.latency_ms).toBeGreaterThan(0);
    expect(row.bytes_out).toBeGreaterThan(10);
  });

  it('audits bad-input attempts too: no credentials, unknown routes, invalid input, traversal', async () => {
    await fetch(`${h.url}/system/widgets/v2/widgets`, { headers: { 'x-correlation-id': 'audit-bad-1' } });
    await h.call('GET', '/system/widgets/v2/sprockets', undefined, { 'x-correlation-id': 'audit-bad-2' });
    await h.call('GET', '/system/widgets/v2/widgets?limit=0', undefined, { 'x-correlation-id': 'audit-bad-3' });
    await h.raw('GET', '/system/widgets/v2/%2e%2e/secrets', { 'x-correlation-id': 'audit-bad-4' });
    await h.call('POST', '/system/widgets/v2/widgets', undefined, {
      'content-type': 'application/json',
      'x-correlation-id': 'audit-bad-5',
    });
    const found = await rows('correlation_id LIKE $1', ['audit-bad-%']);
    for (let i = 0; i < 20 && found.length < 5; i++) {
      await new Promise((r) => setTimeout(r, 100));
      found.splice(0, found.length, ...(await rows('correlation_id LIKE $1', ['audit-bad-%'])));
    }
    const byId = Object.fromEntries(found.map((r) => [r.correlation_id, r]));
    expect(byId['audit-bad-1']).toMatchObject({
      status: 401,
      consumer_id: null,
      reason: expect.stringMatching(/unauthorized/),
    });
    expect(byId['audit-bad-2']).toMatchObject({ status: 404, reason: expect.stringMatching(/not-found/) });
    expect(byId['audit-bad-3']).toMatchObject({
      status: 400,
      operation_id: 'Widgets_list',
      reason: 'validation-failed',
    });
    expect(byId['audit-bad-4']).toMatchObject({ status: 400, reason: 'path-traversal' });
    expect(byId['audit-bad-5']).toMatchObject({ status: 400 });
  });

  it('reports usage per consumer, version and day with error rate and p95 latency (admin scope)', async () => {
    for (let i = 0; i < 8; i++)
      await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': partner.key });
    for (let i = 0; i < 2; i++) {
      await h.call('GET', '/system/widgets/v2/widgets?limit=-1', undefined, { 'x-api-key': partner.key });
    }
    const res = await h.admin('GET', `/usage?consumerId=${partner.consumerId}&contract=system.widgets.v2`);
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body).toEqual([
      expect.objectContaining({
        day: today,
        consumerId: partner.consumerId,
        consumerName: 'audited-partner',
        contract: 'system.widgets.v2',
        calls: 10,
        errors: 2,
        errorRate: 0.2,
        serverErrors: 0,
      }),
    ]);
    expect(res.body[0].p95LatencyMs).toBeGreaterThan(0);

    // the admin API's own calls are audited with the admin consumer
    const adminCalls = await rows(`path = '/gateway/admin/v1/usage' AND consumer_name = 'demo'`, []);
    expect(adminCalls[0]).toMatchObject({ method: 'GET', status: 200 });

    const denied = await h.admin('GET', '/usage', undefined, partner.key);
    expect(denied.status).toBe(403);
    const bad = await h.admin('GET', '/usage?from=yesterday');
    expect(bad.status).toBe(400);
  });

  it('reports sunset readiness: who still calls a deprecated version, how often, last seen', async () => {
    for (let i = 0; i < 3; i++)
      await h.call('GET', '/system/widgets/v1/widgets', undefined, { 'x-api-key': partner.key });
    await h.call('GET', '/system/widgets/v1/widgets');
    const res = await h.admin('GET', '/usage/sunset-readiness');
    expect(res.status).toBe(200);
    const v1 = res.body.find((r: { contract: string }) => r.contract === 'system.widgets.v1');
    expect(v1).toMatchObject({ successor: 'system.widgets.v2', sunset: '2099-01-01T00:00:00.000Z' });
    const mine = v1.consumers.find((c: { consumerId: string }) => c.consumerId === partner.consumerId);
    expect(mine.calls).toBe(4); // 3 here and 1 in the first test
    expect(Date.now() - Date.parse(mine.lastSeen)).toBeLessThan(60_000);
    expect(v1.consumers.map((c: { consumerName: string }) => c.consumerName)).toContain('demo');
    expect(res.body.find((r: { contract: string }) => r.contract === 'system.widgets.v2')).toBeUndefined();
  });
});
