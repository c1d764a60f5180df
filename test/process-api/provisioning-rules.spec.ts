import {
  billingSchedule,
  deterministicId,
  normalizeName,
  OpportunityData,
  projectCodeFor,
  validateOpportunity,
} from '../../apps/process-api/src/project-setup/provisioning-rules';

const entities = [
  { legalEntityId: 'US-01', currency: 'USD' },
  { legalEntityId: 'DE-01', currency: 'EUR' },
];
const account = { id: 'ACC-1', name: 'Acme', legalEntity: 'US-01', currency: 'USD', billingCountry: 'US' };
const valid: OpportunityData = {
  id: 'OPP-1',
  name: 'Acme rollout',
  accountId: 'ACC-1',
  legalEntity: 'US-01',
  billingModel: 'time-and-materials',
  rateCardId: 'RC-US-STD-2025',
  taxProfile: 'US-SERVICES',
  startDate: '2026-04-01',
  endDate: '2026-06-30',
  amount: { amountMinor: 1_000_000, currency: 'USD' },
};

describe('provisioning rules', () => {
  it('accepts complete terms for each billing model', () => {
    expect(validateOpportunity(valid, account, entities)).toEqual([]);
    expect(validateOpportunity({ ...valid, billingModel: 'fixed-fee' }, account, entities)).toEqual([]);
    expect(validateOpportunity({ ...valid, billingModel: 'retainer' }, account, entities)).toEqual([]);
    const milestone = {
      ...valid,
      billingModel: 'milestone',
      lineItems: [
        {
          kind: 'milestone',
          description: 'Design',
          serviceDate: '2026-05-01',
          totalPrice: { amountMinor: 500, currency: 'USD' },
        },
      ],
    };
    expect(validateOpportunity(milestone, account, entities)).toEqual([]);
  });

  it('lists every reason at once', () => {
    const reasons = validateOpportunity(
      {
        ...valid,
        legalEntity: 'FR-09',
        taxProfile: undefined,
        rateCardId: undefined,
        startDate: '2026-07-01',
        budget: { amountMinor: -5, currency: 'USD' },
      },
      { ...account, billingCountry: undefined },
      entities,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        'legal entity FR-09 does not exist in the ERP',
        'the budget is negative (-5 USD)',
        'customer account ACC-1 has no billing country',
        'no tax profile is set',
        'the end date 2026-06-30 is before the start date 2026-07-01',
        'time-and-materials needs a rate card',
      ]),
    );
  });

  it('flags currencies that disagree with the legal entity or the billing country', () => {
    const reasons = validateOpportunity(
      { ...valid, legalEntity: 'DE-01' },
      { ...account, currency: 'USD', billingCountry: 'DE' },
      entities,
    );
    expect(reasons.join(' | ')).toMatch(/amount currency USD disagrees with legal entity DE-01 \(EUR\)/);
    expect(reasons.join(' | ')).toMatch(/account currency USD disagrees/);
  });

  it('needs milestones with amounts and dates for milestone billing, an amount for fixed fee and retainer', () => {
    expect(validateOpportunity({ ...valid, billingModel: 'milestone' }, account, entities)).toContain(
      'milestone billing needs at least one milestone',
    );
    expect(
      validateOpportunity(
        { ...valid, billingModel: 'milestone', lineItems: [{ kind: 'milestone', description: 'Go-live' }] },
        account,
        entities,
      ),
    ).toEqual(expect.arrayContaining(['Go-live has no positive amount', 'Go-live has no due date']));
    expect(
      validateOpportunity({ ...valid, billingModel: 'fixed-fee', amount: undefined }, account, entities),
    ).toContain('fixed fee needs a positive contract amount');
    expect(validateOpportunity({ ...valid, billingModel: undefined }, account, entities)).toContain(
      'the billing model is missing',
    );
  });

  it('derives the schedule from the billing model, summing to the contract amount', () => {
    const fixed = billingSchedule({
      ...valid,
      billingModel: 'fixed-fee',
      amount: { amountMinor: 1000, currency: 'USD' },
    });
    expect(fixed.map((i) => [i.dueDate, i.amountMinor])).toEqual([
      ['2026-04-01', 333],
      ['2026-05-01', 333],
      ['2026-06-01', 334],
    ]);
    expect(billingSchedule({ ...valid, billingModel: 'retainer' })[0].kind).toBe('retainer-drawdown');
    expect(billingSchedule(valid)).toEqual([]);
  });

  it('makes deterministic ids, codes and normalized names', () => {
    expect(deterministicId('project', 'OPP-1')).toBe(deterministicId('project', 'OPP-1'));
    expect(deterministicId('project', 'OPP-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(projectCodeFor(valid)).toMatch(/^US-01-2026-[0-9A-F]{6}$/);
    expect(normalizeName('ZEBRA WIDGETS, LLC')).toBe(normalizeName('Zebra Widgets Inc.'));
    expect(normalizeName('Müller GmbH')).toBe('muller');
  });
});
