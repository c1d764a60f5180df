import { isNewer, PSA_FEEDS } from './psa-change-tracker';

describe('isNewer (is a PSA record a change the snapshot has not seen?)', () => {
  const snapshot = { modifiedAt: new Date('2025-06-02T10:00:00Z'), state: 'open' };

  it('takes a later modification and a state change within the same second', () => {
    expect(isNewer(new Date('2025-06-02T10:00:01Z'), 'open', snapshot)).toBe(true);
    expect(isNewer(new Date('2025-06-02T10:00:00Z'), 'approved', snapshot)).toBe(true);
  });

  it('skips what was already seen or is older', () => {
    expect(isNewer(new Date('2025-06-02T10:00:00Z'), 'open', snapshot)).toBe(false);
    expect(isNewer(new Date('2025-06-02T09:59:59Z'), 'approved', snapshot)).toBe(false);
  });
});

describe('PSA_FEEDS', () => {
  it('names the events and their subjects', () => {
    const [time, expense, milestone] = PSA_FEEDS;
    expect([time.eventType, expense.eventType, milestone.eventType]).toEqual([
      'time.approved',
      'expense.approved',
      'milestone.completed',
    ]);
    const change = { vendorId: '1', modifiedAt: '2025-06-02T10:00:00.000Z', state: 'approved', value: { id: 'TE-1' } };
    expect(time.event(change)).toEqual({
      subject: 'time-entry/TE-1',
      data: { timeEntry: { id: 'TE-1' }, approvedAt: '2025-06-02T10:00:00.000Z' },
    });
  });
});
