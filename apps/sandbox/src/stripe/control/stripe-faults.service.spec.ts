import { StripeApiError } from '../common/stripe-api.error';
import { StripeSandboxConfig } from '../stripe-sandbox.config';
import { MalformedAnswer, StripeFaultsService } from './stripe-faults.service';

function service(config: Partial<StripeSandboxConfig> = {}): StripeFaultsService {
  const s = new StripeFaultsService(Object.assign(new StripeSandboxConfig(), config));
  s.onModuleInit();
  return s;
}

async function outcomes(s: StripeFaultsService, n: number): Promise<Array<number | string>> {
  const out: Array<number | string> = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push(await s.apply('POST', '/v1/invoices'));
    } catch (e) {
      out.push(e instanceof StripeApiError ? e.status : (e as Error).name);
    }
  }
  return out;
}

describe('StripeFaultsService (the shared fault plan in Stripe shapes)', () => {
  it('reads SANDBOX_STRIPE_FAULTS at start, naming the variable when it is not JSON', async () => {
    const s = service({ faults: '{"status":503,"times":1,"retryAfterSeconds":4}' });
    const error = (await s.apply('GET', '/v1/customers').catch((e: unknown) => e)) as StripeApiError;
    expect(error.status).toBe(503);
    expect(await s.apply('GET', '/v1/customers')).toBe('serve');
    expect(() => service({ faults: '{nope' })).toThrow('SANDBOX_STRIPE_FAULTS');
    // The older variables still work when SANDBOX_STRIPE_FAULTS is empty.
    expect(service({ faultErrorRate: 1 }).current()).toEqual({ errorRate: 1, seed: 1 });
  });

  it('is seeded: the same mixed faults give the same outcomes', async () => {
    const spec = { errorRate: 0.2, lostResponseRate: 0.1, rateLimitRate: 0.05, rateLimitBurst: 2, seed: 42 };
    const a = service();
    a.set(spec);
    const b = service();
    b.set(spec);
    const first = await outcomes(a, 200);
    expect(await outcomes(b, 200)).toEqual(first);
    expect(first).toEqual(expect.arrayContaining([500, 429, 'lose-response', 'serve']));
  });

  it('answers an after-phase fault as a lost response, and malformed bodies', async () => {
    const s = service();
    s.set({ status: 500, phase: 'after', times: 1 });
    expect(await s.apply('POST', '/v1/customers')).toBe('lose-response');
    expect(await s.apply('POST', '/v1/customers')).toBe('serve');
    s.set({ malformed: true, pathPrefix: '/v1/invoices' });
    expect(await s.apply('GET', '/v1/customers')).toBe('serve');
    await expect(s.apply('GET', '/v1/invoices')).rejects.toBeInstanceOf(MalformedAnswer);
    expect(s.current()).toEqual({ malformed: true, pathPrefix: '/v1/invoices' });
  });
});
