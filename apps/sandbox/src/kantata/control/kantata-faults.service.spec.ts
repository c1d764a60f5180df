import { KantataApiError, MalformedResponseFault } from '../common/kantata-api.error';
import { KantataSandboxConfig } from '../kantata-sandbox.config';
import { KantataFaultsService } from './kantata-faults.service';

function service(faults = ''): KantataFaultsService {
  return new KantataFaultsService(Object.assign(new KantataSandboxConfig(), { faults }));
}

async function outcomes(s: KantataFaultsService, n: number): Promise<Array<number | 'ok'>> {
  const out: Array<number | 'ok'> = [];
  for (let i = 0; i < n; i++) {
    try {
      await s.before('GET', '/api/v1/workspaces');
      out.push('ok');
    } catch (e) {
      out.push((e as KantataApiError).status);
    }
  }
  return out;
}

describe('KantataFaultsService', () => {
  it('fails a seeded, reproducible share of requests (the shared fault plan; `probability` is errorRate)', async () => {
    const a = service();
    a.set({ status: 503, errorRate: 0.3, seed: 42 });
    const b = service();
    b.set({ status: 503, probability: 0.3, seed: 42 });
    const first = await outcomes(a, 200);
    expect(await outcomes(b, 200)).toEqual(first);
    const failed = first.filter((o) => o === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
  });

  it('limits by times, path, method and phase, and sends Retry-After on 429', async () => {
    const s = service();
    s.set({ status: 429, times: 1, retryAfterSeconds: 3, method: 'GET', pathPrefix: '/api/v1/work' });
    await expect(s.before('POST', '/api/v1/workspaces')).resolves.toBeUndefined();
    const error = (await s.before('GET', '/api/v1/workspaces').catch((e: unknown) => e)) as KantataApiError;
    expect(error.status).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '3' });
    await expect(s.before('GET', '/api/v1/workspaces')).resolves.toBeUndefined();
    // `after`: the guard lets the request through; its response fails once it was served.
    s.set({ status: 500, phase: 'after', times: 1 });
    const request = {};
    await expect(s.before('POST', '/api/v1/workspaces', request)).resolves.toBeUndefined();
    await expect(s.after({})).resolves.toBeUndefined();
    expect(((await s.after(request).catch((e: unknown) => e)) as KantataApiError).status).toBe(500);
    await expect(s.after(request)).resolves.toBeUndefined();
  });

  it('reads a fault from the configuration and answers malformed bodies', async () => {
    const s = service('{"malformed":true,"times":1}');
    s.onModuleInit();
    await expect(s.before('GET', '/api/v1/users')).rejects.toBeInstanceOf(MalformedResponseFault);
    expect(() => service('{nope').onModuleInit()).toThrow('SANDBOX_KANTATA_FAULTS');
  });

  it('ends an outage window by itself (`durationMs` is outageMs)', async () => {
    const s = service();
    s.set({ outageMs: 30 });
    expect(s.current()).toEqual({ status: 503, outageMs: 30 });
    await expect(s.before('GET', '/api/v1/users')).rejects.toBeInstanceOf(KantataApiError);
    await new Promise((r) => setTimeout(r, 40));
    await expect(s.before('GET', '/api/v1/users')).resolves.toBeUndefined();
    expect(s.current()).toBeUndefined();
    s.set({ status: 503, durationMs: 30 });
    await expect(s.before('GET', '/api/v1/users')).rejects.toBeInstanceOf(KantataApiError);
    await new Promise((r) => setTimeout(r, 40));
    await expect(s.before('GET', '/api/v1/users')).resolves.toBeUndefined();
    expect(s.current()).toBeUndefined();
  });
});
