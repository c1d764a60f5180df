import { addedMilestoneId, contentHash, ContractState, milestoneIdsOf, validateAmendment } from './amendment-rules';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const contract: ContractState = {
  currency: 'USD',
  startDate: '2026-04-01',
  endDate: '2026-09-30',
  lastEffectiveDate: '2026-05-01',
  rateCardDates: new Set(['2026-05-01']),
  milestones: new Map<string, string | null>([
    ['ms-open', 'scheduled'],
    ['ms-billed', 'invoiced'],
    ['ms-no-item', null],
  ]),
  roles: new Set(['consultant', 'senior-consultant']),
};

const fields = (effectiveDate: string, changes: Parameters<typeof validateAmendment>[1], state = contract) =>
  validateAmendment(effectiveDate, changes, state).map((p) => p.field);

describe('amendment rules', () => {
  it('accepts a valid amendment', () => {
    expect(
      validateAmendment(
        '2026-06-15',
        {
          rateCard: { rates: [{ role: 'consultant', hourlyRate: usd(17_000) }] },
          budget: usd(5_000_000),
          endDate: '2026-12-31',
          milestones: [
            { id: 'ms-open', name: 'Moved', amount: usd(1), dueDate: '2026-10-01' },
            { name: 'New', amount: usd(2), dueDate: '2026-12-31' },
          ],
        },
        contract,
      ),
    ).toEqual([]);
  });

  it('names every broken rule by its field', () => {
    expect(fields('2026-06-15', {})).toEqual(['changes']);
    expect(fields('2026-03-31', { budget: usd(1) })).toEqual(['effectiveDate', 'effectiveDate']); // before the start and the earlier amendment
    expect(fields('2026-10-01', { budget: usd(1) })).toEqual(['effectiveDate']); // after the end
    expect(fields('2026-10-01', { endDate: '2026-12-31' })).toEqual([]); // within the new end
    expect(fields('2026-04-15', { budget: usd(1) })).toEqual(['effectiveDate']); // before the earlier amendment
    expect(fields('2026-06-15', { endDate: '2026-04-01' })).toEqual(['effectiveDate', 'changes.endDate']);
    expect(fields('2026-06-15', { budget: { amountMinor: 1, currency: 'EUR' } })).toEqual(['changes.budget.currency']);
    expect(
      fields('2026-05-01', {
        rateCard: {
          rates: [
            { role: 'astronaut', hourlyRate: usd(1) },
            { role: 'consultant', hourlyRate: { amountMinor: 1, currency: 'GBP' } },
            { role: 'consultant', hourlyRate: usd(2) },
          ],
        },
      }),
    ).toEqual([
      'changes.rateCard',
      'changes.rateCard.rates[0].role',
      'changes.rateCard.rates[1].hourlyRate.currency',
      'changes.rateCard.rates[2].role',
    ]);
    expect(
      fields('2026-06-15', {
        milestones: [
          { id: 'ms-billed', name: 'x', amount: usd(1), dueDate: '2026-07-01' },
          { id: 'unknown', name: 'x', amount: usd(1), dueDate: '2026-07-01' },
          { id: 'ms-no-item', name: 'x', amount: usd(1), dueDate: '2026-07-01' },
          { id: 'ms-no-item', name: 'x', amount: usd(1), dueDate: '2026-10-15' },
        ],
      }),
    ).toEqual([
      'changes.milestones[0].id',
      'changes.milestones[1].id',
      'changes.milestones[3].dueDate',
      'changes.milestones[3].id',
    ]);
  });

  it('hashes the same content the same, whatever the key order', () => {
    expect(contentHash({ budget: { currency: 'USD', amountMinor: 1 }, endDate: '2026-12-31' })).toBe(
      contentHash({ endDate: '2026-12-31', budget: usd(1) }),
    );
    expect(contentHash({ budget: usd(1) })).not.toBe(contentHash({ budget: usd(2) }));
  });

  it('derives the ids of added milestones deterministically, keeping given ones', () => {
    const row = {
      id: 'a1',
      projectId: 'p1',
      changes: {
        milestones: [
          { name: 'new 1', amount: usd(1), dueDate: '2026-07-01' },
          { id: 'ms-open', name: 'changed', amount: usd(1), dueDate: '2026-07-01' },
          { name: 'new 2', amount: usd(1), dueDate: '2026-07-01' },
        ],
      },
    };
    expect(milestoneIdsOf(row)).toEqual([addedMilestoneId('p1', 'a1', 1), 'ms-open', addedMilestoneId('p1', 'a1', 2)]);
    expect(addedMilestoneId('p1', 'a1', 1)).not.toBe(addedMilestoneId('p1', 'a2', 1));
  });
});
