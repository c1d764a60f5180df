import { FaultPlan, faultFromEnv } from './fault-plan';

describe('FaultPlan', () => {
  it('fails a seeded share of matching requests, the same way every time', () => {
    const draw = () => {
      const plan = new FaultPlan();
      plan.set({ status: 503, errorRate: 0.2, seed: 7, pathPrefix: '/api', method: 'POST' });
      return Array.from({ length: 200 }, () => plan.decide('POST', '/api/x')?.status ?? 200);
    };
    const first = draw();
    expect(draw()).toEqual(first);
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(20);
    expect(failures).toBeLessThan(60);
  });

  it('applies only to matching paths and methods, `times` requests, with phase and Retry-After', () => {
    const plan = new FaultPlan();
    plan.set({ status: 429, retryAfterSeconds: 2, times: 2, phase: 'after', pathPrefix: '/api' });
    expect(plan.decide('GET', '/other')).toBeUndefined();
    expect(plan.decide('GET', '/api/a')).toEqual({ delayMs: 0, status: 429, phase: 'after', retryAfterSeconds: 2 });
    expect(plan.decide('GET', '/api/b')?.status).toBe(429);
    expect(plan.decide('GET', '/api/c')).toBeUndefined();
    expect(plan.current()).toBeUndefined();
  });

  it('reads a start-up fault from an environment variable, naming it when invalid', () => {
    expect(faultFromEnv('', 'SANDBOX_X_FAULTS')).toBeUndefined();
    expect(faultFromEnv('{"status":503,"errorRate":0.1}', 'SANDBOX_X_FAULTS')).toEqual({ status: 503, errorRate: 0.1 });
    expect(() => faultFromEnv('{oops', 'SANDBOX_X_FAULTS')).toThrow('SANDBOX_X_FAULTS');
    expect(() => faultFromEnv('[1]', 'SANDBOX_X_FAULTS')).toThrow('SANDBOX_X_FAULTS');
  });
});
