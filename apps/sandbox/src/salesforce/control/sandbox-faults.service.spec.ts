import { SalesforceSandboxSettings } from '../salesforce-sandbox.config';
import { SandboxFaultsService } from './sandbox-faults.service';

const withFaults = (faults: string) => new SandboxFaultsService({ faults } as SalesforceSandboxSettings);

describe('SandboxFaultsService (Salesforce)', () => {
  it('starts with the fault of SANDBOX_SALESFORCE_FAULTS, naming the variable when invalid', () => {
    expect(withFaults('').current()).toBeUndefined();
    expect(withFaults('{"status":503,"errorRate":0.2,"seed":3}').current()).toEqual({
      status: 503,
      errorRate: 0.2,
      seed: 3,
    });
    expect(() => withFaults('{nope')).toThrow('SANDBOX_SALESFORCE_FAULTS');
  });

  it('draws the same failures for the same seed', () => {
    const draw = () => {
      const plan = withFaults('{"status":500,"errorRate":0.3,"seed":9}');
      return Array.from({ length: 50 }, () => plan.decide('GET', '/services/data/v60.0/query')?.status ?? 200);
    };
    expect(draw()).toEqual(draw());
  });

  it('fails with 503 during an outage window and lifts it afterwards', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const plan = withFaults('');
      plan.set({ outageMs: 1000 });
      expect(plan.current()).toEqual({ status: 503, outageMs: 1000 });
      expect(plan.decide('GET', '/services/data')?.status).toBe(503);
      jest.setSystemTime(1_001_000);
      expect(plan.decide('GET', '/services/data')).toBeUndefined();
      expect(plan.current()).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('marks served requests malformed, never failed ones', () => {
    const plan = withFaults('');
    plan.set({ malformed: true, times: 1 });
    expect(plan.decide('GET', '/x')).toEqual({ delayMs: 0, phase: 'before', malformed: true });
    expect(plan.decide('GET', '/x')).toBeUndefined();
    plan.set({ malformed: true, status: 500 });
    expect(plan.decide('GET', '/x')).toMatchObject({ status: 500, malformed: false });
  });
});
