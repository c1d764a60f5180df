/**
 * Idempotency-Key on POST and PATCH on the running gateway, stored in PostgreSQL: the same consumer,
 * key and body replay the stored response (Idempotent-Replayed: true) without calling the upstream
 * again; another body is 422; a duplicate while the first is in flight is 409; keys expire.
 */
import { PolicyHarness, WIDGET_ID } from './policy-harness';

const widget = (name: string) => ({ name, amount: { amountMinor: 1000, currency: 'EUR' } });

describe('gateway policy: Idempotency-Key', () => {
  let h: PolicyHarness;

  beforeAll(async () => {
    h = await PolicyHarness.start();
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('replays the stored response for the same key and body, without calling the upstream again', async () => {
    const key = `k-${Date.now()}-replay`;
    const first = await h.call('POST', '/system/widgets/v2/widgets', widget('a'), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const hits = h.hits.length;

    const again = await h.call('POST', '/system/widgets/v2/widgets', widget('a'), { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(again.body).toEqual(first.body);
    expect(h.hits.length).toBe(hits);

    const rows = await h.sql<{ state: string; response_status: number }>(
      `SELECT state, response_status FROM gateway.idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(rows).toEqual([{ state: 'completed', response_status: 201 }]);
  });

  it('works on PATCH too, and without a key every call goes through', async () => {
    const key = `k-${Date.now()}-patch`;
    const a = await h.call('PATCH', `/system/widgets/v2/widgets/${WIDGET_ID}`, { x: 1 }, { 'idempotency-key': key });
    const b = await h.call('PATCH', `/system/widgets/v2/widgets/${WIDGET_ID}`, { x: 1 }, { 'idempotency-key': key });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    const hits = h.hits.length;
    await h.call('POST', '/system/widgets/v2/widgets', widget('no-key'));
    await h.call('POST', '/system/widgets/v2/widgets', widget('no-key'));
    expect(h.hits.length).toBe(hits + 2);
  });

  it('answers 422 problem+json for the same key with another body', async () => {
    const key = `k-${Date.now()}-other`;
    expect((await h.call('POST', '/system/widgets/v2/widgets', widget('one'), { 'idempotency-key': key })).status).toBe(
      201,
    );
    const hits = h.hits.length;
    const other = await h.call('POST', '/system/widgets/v2/widgets', widget('two'), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(h.hits.length).toBe(hits);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const key = `k-${Date.now()}-inflight`;
    const slow = h.call('POST', '/system/widgets/v2/widgets?delayMs=800', widget('slow'), { 'idempotency-key': key });
    await new Promise((r) => setTimeout(r, 250));
    const dup = await h.call('POST', '/system/widgets/v2/widgets?delayMs=800', widget('slow'), {
      'idempotency-key': key,
    });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('application/problem+json');
    expect(String(dup.body.type)).toMatch(/idempotency-request-in-flight$/);
    expect((await slow).status).toBe(201);
    const replay = await h.call('POST', '/system/widgets/v2/widgets?delayMs=800', widget('slow'), {
      'idempotency-key': key,
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('scopes keys per consumer and forgets them after expiry', async () => {
    const key = `k-${Date.now()}-shared`;
    const other = await h.consumerWithKey('idem-other', { scopes: ['widgets:write'] });
    const mine = await h.call('POST', '/system/widgets/v2/widgets', widget('x'), { 'idempotency-key': key });
    const theirs = await h.call('POST', '/system/widgets/v2/widgets', widget('x'), {
      'idempotency-key': key,
      'x-api-key': other.key,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.n).not.toBe(mine.body.n);

    // expiry: a key past its 24 h is claimed afresh
    await h.sql(`UPDATE gateway.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const fresh = await h.call('POST', '/system/widgets/v2/widgets', widget('different body after expiry'), {
      'idempotency-key': key,
    });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    const expiry = await h.sql<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM gateway.idempotency_keys WHERE key = $1 ORDER BY created_at DESC LIMIT 1`,
      [key],
    );
    expect(Number(expiry[0].hours)).toBe(24);
  });

  it('refuses a malformed key with 400', async () => {
    const res = await h.call('POST', '/system/widgets/v2/widgets', widget('x'), { 'idempotency-key': 'x'.repeat(300) });
    expect(res.status).toBe(400);
  });
});
