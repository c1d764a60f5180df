import type { AssignmentDto, ProjectDto, RateCardDto, TimeEntryDto } from '@app/contracts';
import { valueOf } from './inactive-worker-check';
import { endOf } from './worker-sync.service';

const project = { id: 'PRJ-1', customerId: 'CUS-1', currency: 'EUR', legalEntityId: 'DE-01' } as ProjectDto;
const entry = (over: Partial<TimeEntryDto> = {}) =>
  ({
    id: 't1',
    workerId: 'W1',
    projectId: 'PRJ-1',
    date: '2026-02-10',
    minutes: 90,
    role: 'consultant',
    ...over,
  }) as TimeEntryDto;
const card = (id: string, currency: string, rate: number, customerId?: string, from = '2026-01-01'): RateCardDto =>
  ({
    id,
    name: id,
    currency,
    customerId,
    versions: [
      {
        id: `${id}-1`,
        version: 1,
        effectiveFrom: from,
        billRates: [{ role: 'consultant', hourlyRate: { amountMinor: rate, currency } }],
      },
    ],
  }) as RateCardDto;

describe('the value of time booked after a worker ended (bill rates, never cost)', () => {
  it('prices minutes at the bill rate of the rate card in the project currency', () => {
    expect(valueOf(entry(), project, [], [card('usd', 'USD', 99_00), card('eur', 'EUR', 120_00)])).toBe(180_00);
  });

  it("prefers the customer's own rate card", () => {
    const cards = [card('std', 'EUR', 120_00), card('cust', 'EUR', 100_00, 'CUS-1')];
    expect(valueOf(entry(), project, [], cards)).toBe(150_00);
  });

  it("takes the assignment's role when the entry names none, and the version in force on the entry's date", () => {
    const assignments = [{ id: 'a1', role: 'consultant' }] as AssignmentDto[];
    const later = card('eur', 'EUR', 120_00, undefined, '2026-03-01');
    expect(valueOf(entry({ role: undefined, assignmentId: 'a1' }), project, assignments, [later])).toBeNull();
    expect(
      valueOf(entry({ role: undefined, assignmentId: 'a1', date: '2026-03-02' }), project, assignments, [later]),
    ).toBe(180_00);
  });

  it('is unknown (null) when no rate card prices the role', () => {
    expect(valueOf(entry({ role: 'architect' }), project, [], [card('eur', 'EUR', 120_00)])).toBeNull();
  });
});

describe('the end of a worker', () => {
  it('is the termination date, else the day the HRIS recorded the change', () => {
    const at = new Date('2026-02-03T15:00:00Z');
    expect(endOf({ status: 'terminated', terminationDate: '2026-01-31' }, at)).toBe('2026-01-31');
    expect(endOf({ status: 'on-leave' }, at)).toBe('2026-02-03');
  });
});
