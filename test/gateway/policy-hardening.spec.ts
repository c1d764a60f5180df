/**
 * Hardening on the running gateway: helmet's security headers, the CORS allow-list, header and body
 * size limits (431/413 problem+json), the per-consumer IP allow-list (403), path traversal and CR/LF
 * injection (400) — each refused with nothing forwarded.
 */
import { connect } from 'node:net';
import { DEMO_KEY, PolicyHarness } from './policy-harness';

/** Writes a raw HTTP/1.1 request and returns the whole answer as text (the server closes). */
function rawHttp(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, 3000);
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('gateway policy: hardening', () => {
  let h: PolicyHarness;

  beforeAll(async () => {
    h = await PolicyHarness.start({
      GATEWAY_CORS_ORIGINS: 'https://console.example.com, https://partner.example.org',
      GATEWAY_MAX_HEADER_BYTES: '4096',
      BODY_LIMIT_BYTES: '2048',
    });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("sends the OWASP REST security headers on every API answer, and helmet's full set on pages", async () => {
    for (const path of ['/system/widgets/v2/widgets', '/system/widgets/v2/nothing']) {
      const res = await h.call('GET', path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    for (const path of ['/docs', '/portal']) {
      const res = await h.call('GET', path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('allows CORS only for the configured origins', async () => {
    const allowed = await fetch(`${h.url}/system/widgets/v2/widgets`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://console.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, idempotency-key',
      },
    });
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');

    const simple = await h.call('GET', '/system/widgets/v2/widgets', undefined, {
      origin: 'https://partner.example.org',
    });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    expect(simple.headers.get('access-control-expose-headers')).toContain('RateLimit');

    const other = await h.call('GET', '/system/widgets/v2/widgets', undefined, { origin: 'https://evil.example.net' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 431 problem+json for oversized headers, at its own limit and at Node`s, forwarding nothing', async () => {
    const before = h.hits.length;
    const big = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-filler': 'a'.repeat(5000) });
    expect(big.status).toBe(431);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(big.body.type).toMatch(/request-header-fields-too-large$/);

    const huge = await rawHttp(
      h.url,
      `GET /system/widgets/v2/widgets HTTP/1.1\r\nHost: x\r\nX-Filler: ${'b'.repeat(40_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('application/problem+json');
    expect(h.hits.length).toBe(before);
  });

  it('answers 413 problem+json for a body over the limit', async () => {
    const before = h.hits.length;
    const res = await h.call('POST', '/system/widgets/v2/widgets', {
      name: 'x'.repeat(4000),
      amount: { amountMinor: 1, currency: 'EUR' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(h.hits.length).toBe(before);
  });

  it('answers 400 problem+json for malformed JSON, forwarding nothing', async () => {
    const before = h.hits.length;
    const res = await fetch(`${h.url}/system/widgets/v2/widgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_KEY },
      body: '{"name": "x",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { type: string }).type).toMatch(/malformed-json$/);
    expect(h.hits.length).toBe(before);
  });

  it('refuses path traversal, raw or encoded, with 400 and forwards nothing', async () => {
    const before = h.hits.length;
    for (const path of [
      '/system/widgets/v2/../v1/widgets',
      '/system/widgets/v2/%2e%2e/v1/widgets',
      '/system/widgets/v2/%2E./v1/widgets',
      '/system/widgets/v2/widgets%2f..%2fsecrets',
      '/system/widgets/v2/widgets/..%5c..%5csecrets',
    ]) {
      const res = await h.raw('GET', path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(res.body).type).toMatch(/path-traversal$/);
    }
    expect(h.hits.length).toBe(before);
  });

  it('refuses CR/LF injection in the target or in a header with 400 problem+json, forwarding nothing', async () => {
    const before = h.hits.length;
    const encoded = await h.raw('GET', '/system/widgets/v2/widgets?status=open%0d%0aX-Injected:%201');
    expect(encoded.status).toBe(400);
    expect(JSON.parse(encoded.body).type).toMatch(/header-injection$/);
    const rawHeader = await rawHttp(
      h.url,
      'GET /system/widgets/v2/widgets HTTP/1.1\r\nHost: x\r\nX-Evil: a\rX-Injected: 1\r\n\r\n',
    );
    expect(rawHeader).toMatch(/^HTTP\/1\.1 400 /);
    expect(rawHeader).toContain('application/problem+json');
    expect(h.hits.length).toBe(before);
  });

  it('enforces the consumer`s IP allow-list with 403', async () => {
    const elsewhere = await h.consumerWithKey('far-away', { scopes: ['widgets:read'], ipAllowList: ['10.1.0.0/16'] });
    const local = await h.consumerWithKey('local-only', {
      scopes: ['widgets:read'],
      ipAllowList: ['127.0.0.0/8', '::1/128'],
    });
    const denied = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': elsewhere.key });
    expect(denied.status).toBe(403);
    expect(denied.body.type).toMatch(/ip-not-allowed$/);
    expect((await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': local.key })).status).toBe(200);
  });
});
