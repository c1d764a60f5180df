import { createHash } from 'node:crypto';
import { DEMO_FIRM_SIZES, DemoFirm, generateDemoFirm, ratesOn } from './demo-firm';
import { DEMO_JOB_PROFILE_BILLING_ROLE, DEMO_ROLES, LEGAL_ENTITY_BY_ID } from './legal-entities';
import { generateWorkers } from './workers';

const digest = (firm: DemoFirm) => createHash('sha256').update(JSON.stringify(firm)).digest('hex');

function expectConsistent(firm: DemoFirm): void {
  const customers = new Map(firm.customers.map((c) => [c.id, c]));
  const workers = new Map(firm.workers.map((w) => [w.employeeId, w]));
  const projects = new Map(firm.projects.map((p) => [p.id, p]));
  const cards = new Map(firm.rateCards.map((c) => [c.id, c]));
  expect(customers.size).toBe(firm.customers.length);
  expect(new Set(firm.opportunities.map((o) => o.id)).size).toBe(firm.opportunities.length);

  for (const c of firm.customers) {
    const le = LEGAL_ENTITY_BY_ID[c.legalEntity];
    expect([c.currency, c.billingCountry]).toEqual([le.currency, le.country]);
    expect(c.stripeCustomerId !== null).toBe(c.hasProjects);
  }
  for (const o of firm.opportunities) {
    const account = customers.get(o.accountId)!;
    expect(account).toBeDefined();
    expect([o.currency, o.legalEntity]).toEqual([account.currency, account.legalEntity]);
    expect(o.rateCardId).toBe(LEGAL_ENTITY_BY_ID[o.legalEntity].rateCardId);
    if (o.amountMinor !== null) {
      expect(o.lineItems.reduce((s, l) => s + l.totalMinor, 0)).toBe(o.amountMinor);
      for (const l of o.lineItems) expect(l.totalMinor).toBe(l.quantityHours * l.unitPriceMinor);
    }
    if (o.billingModel === 'Milestone' && o.amountMinor !== null) {
      expect(o.milestones.length).toBeGreaterThanOrEqual(2);
      expect(o.milestones.reduce((s, m) => s + m.amountMinor, 0)).toBe(o.amountMinor);
    } else {
      expect(o.milestones).toEqual([]);
    }
    expect(o.projectId !== null).toBe(o.stage === 'Closed Won');
    if (o.stage === 'Closed Won') {
      expect(o.startDate && o.endDate && o.billingModel && o.budgetMinor).toBeTruthy();
    }
  }
  for (const p of firm.projects) {
    const customer = customers.get(p.customerId)!;
    expect(customer.hasProjects).toBe(true);
    expect([p.currency, p.legalEntity]).toEqual([customer.currency, customer.legalEntity]);
    expect(cards.get(p.rateCardId)!.currency).toBe(p.currency);
    expect(p.team.filter((m) => m.lead)).toHaveLength(1);
    expect(new Set(p.team.map((m) => m.workerId)).size).toBe(p.team.length);
    for (const m of p.team) {
      const w = workers.get(m.workerId)!;
      expect(w.status).toBe('Active');
      expect(w.legalEntity).toBe(p.legalEntity);
      expect(m.role).toBe(w.role);
    }
    expect(p.milestones.length).toBeGreaterThan(0);
  }
  const members = new Set(firm.participations.map((m) => `${m.projectId}:${m.workerId}`));
  // Plain checks (an expect per entry is too slow for 200,000 entries); the bad ones are listed.
  const bad = firm.timeEntries.filter((t) => {
    const p = projects.get(t.projectId);
    return (
      !members.has(`${t.projectId}:${t.workerId}`) ||
      !p ||
      t.currency !== p.currency ||
      t.date < p.startDate ||
      t.date > p.endDate ||
      t.date < firm.month.from ||
      t.date > firm.month.to ||
      t.rateMinor !== ratesOn(cards.get(p.rateCardId)!, t.date)[t.role] ||
      t.costRateMinor !== workers.get(t.workerId)!.hourlyCostRateMinor ||
      !(t.minutes > 0) ||
      t.approved !== t.date < firm.unapprovedFrom
    );
  });
  expect(bad.slice(0, 3)).toEqual([]);
}

describe('demo firm generator', () => {
  const firm = generateDemoFirm(DEMO_FIRM_SIZES.demo, 'demo');

  it('is byte-for-byte reproducible', () => {
    expect(digest(generateDemoFirm(DEMO_FIRM_SIZES.demo, 'demo'))).toBe(digest(firm));
  });

  it('has the sizes of the brief: 3 legal entities, 40 customers, 120 opportunities, 300 workers', () => {
    expect(firm.legalEntities.map((e) => [e.id, e.currency])).toEqual([
      ['US-01', 'USD'],
      ['DE-01', 'EUR'],
      ['UK-01', 'GBP'],
    ]);
    expect(firm.customers).toHaveLength(40);
    expect(firm.opportunities).toHaveLength(120);
    expect(firm.workers).toHaveLength(300);
    expect(firm.projects).toHaveLength(30);
    expect(firm.opportunities.filter((o) => o.stage === 'Closed Won')).toHaveLength(30);
    expect(firm.opportunities.filter((o) => o.stage === 'Closed Lost').length).toBeGreaterThan(0);
    expect(firm.opportunities.filter((o) => o.milestones.length > 0).length).toBeGreaterThan(3);
    // Every legal entity has customers, projects and time.
    for (const le of ['US-01', 'DE-01', 'UK-01']) {
      expect(firm.projects.some((p) => p.legalEntity === le)).toBe(true);
      expect(firm.customers.filter((c) => c.legalEntity === le).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps the anchor records and the ids the mapping tables target', () => {
    expect(firm.customers[0]).toMatchObject({ id: 'ACC-0001', name: 'Acme Analytics Inc.', currency: 'USD' });
    expect(firm.opportunities.find((o) => o.id === 'OPP-0013')).toMatchObject({
      name: 'Kranich - SAP S/4 Einführung',
      accountId: 'ACC-0005',
      currency: 'EUR',
      projectId: 'PRJ-0005',
    });
    // Hand-written deals keep their agreed amounts (a fixed line makes up the rest).
    expect(firm.opportunities.find((o) => o.id === 'OPP-0004')!.amountMinor).toBe(12875025);
    expect(firm.projects[0]).toMatchObject({ id: 'PRJ-0001', opportunityId: 'OPP-0001', customerId: 'ACC-0001' });
    expect(firm.legalEntities.map((e) => [e.netsuiteSubsidiaryId, e.businessCentralCompanyId.slice(-1)])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    expect(DEMO_ROLES.map((r) => [r.key, r.netsuiteItemId, r.itemNumber])).toEqual([
      ['analyst', '1', 'SVC-ANALYST'],
      ['consultant', '2', 'SVC-CONSULTANT'],
      ['senior-consultant', '3', 'SVC-SENIOR'],
      ['manager', '4', 'SVC-MANAGER'],
      ['partner', '5', 'SVC-PARTNER'],
    ]);
    // The workforce is the Workday sandbox's, unchanged; every job profile bills as a role.
    expect(firm.workers.map(({ role: _r, hourlyCostRateMinor: _c, ...w }) => w)).toEqual(generateWorkers(300));
    for (const w of firm.workers) expect(DEMO_JOB_PROFILE_BILLING_ROLE[w.jobProfile]).toBe(w.role);
  });

  it('has rate cards with two effective-dated versions per legal entity', () => {
    expect(firm.rateCards.map((c) => [c.id, c.currency, c.versions.map((v) => v.effectiveDate)])).toEqual([
      ['RC-US-STD-2025', 'USD', ['2025-01-01', '2025-07-01']],
      ['RC-DE-STD-2025', 'EUR', ['2025-01-01', '2025-07-01']],
      ['RC-UK-STD-2025', 'GBP', ['2025-01-01', '2025-07-01']],
    ]);
    const us = firm.rateCards[0];
    expect(ratesOn(us, '2025-06-30').partner).toBe(42500);
    expect(ratesOn(us, '2025-07-01').partner).toBe(44625);
  });

  it('has a month of time, most of it approved, a week awaiting approval', () => {
    const entries = firm.timeEntries;
    expect(entries.length).toBeGreaterThan(1500);
    const approved = entries.filter((t) => t.approved).length;
    expect(approved / entries.length).toBeGreaterThan(0.7);
    expect(approved).toBeLessThan(entries.length);
    expect(new Set(entries.map((t) => t.id)).size).toBe(entries.length);
  });

  it('is consistent across the systems it feeds', () => {
    expectConsistent(firm);
  });

  it('scales to month-end volume: 2,000 workers, 500 projects, exactly 200,000 time entries', () => {
    const big = generateDemoFirm(DEMO_FIRM_SIZES['month-end'], 'month-end');
    expect(big.workers).toHaveLength(2000);
    expect(big.projects).toHaveLength(500);
    expect(big.timeEntries).toHaveLength(200_000);
    expect(big.timeEntries.at(-1)!.id).toBe('TE-0200000');
    // The small firm's anchors are the same records at scale.
    expect(big.customers[0]).toEqual({ ...firm.customers[0], hasProjects: true });
    expectConsistent(big);
  });
});
