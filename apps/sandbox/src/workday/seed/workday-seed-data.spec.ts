import { generateSeedWorkers, SEED_JOB_PROFILES } from './workday-seed-data';

describe('Workday seed generator', () => {
  it('yields the same 300 workers every time, across three legal entities with managers', () => {
    const workers = generateSeedWorkers();
    expect(workers).toHaveLength(300);
    expect(generateSeedWorkers()).toEqual(workers);
    expect(workers[0]).toMatchObject({ employeeId: 'W00001', managerId: null, jobProfile: 'Managing Partner' });
    expect(workers.at(-1)!.employeeId).toBe('W00300');
    const count = (le: string) => workers.filter((w) => w.legalEntity === le).length;
    expect([count('US-01'), count('DE-01'), count('UK-01')]).toEqual([130, 85, 85]);
    const ids = new Set(workers.map((w) => w.employeeId));
    for (const w of workers) {
      if (w.managerId) expect(ids.has(w.managerId)).toBe(true);
      expect(Object.keys(SEED_JOB_PROFILES)).toContain(w.jobProfile);
      expect(w.hourlyCostRate).toMatch(/^\d+\.\d{2}$/);
      if (w.terminationDate) expect(w.terminationDate >= w.hireDate).toBe(true);
    }
    expect(new Set(workers.map((w) => w.workEmail)).size).toBe(300);
    expect(new Set(workers.map((w) => w.status))).toEqual(new Set(['Active', 'On_Leave', 'Terminated']));
  });

  it('scales to month-end volume in the same proportions', () => {
    const workers = generateSeedWorkers(2000);
    expect(workers).toHaveLength(2000);
    expect(workers.at(-1)!.employeeId).toBe('W02000');
    expect(new Set(workers.map((w) => w.workEmail)).size).toBe(2000);
    expect(workers.filter((w) => w.legalEntity === 'DE-01')).toHaveLength(567);
  });
});
