import { isNewer } from './opportunity-change-tracker';

describe('isNewer (is a CRM record a change the snapshot has not seen?)', () => {
  const snapshot = { modifiedAt: new Date('2025-03-01T10:00:00Z'), stage: 'negotiation' };

  it('takes a later modification', () => {
    expect(isNewer(new Date('2025-03-01T10:00:01Z'), 'negotiation', snapshot)).toBe(true);
  });

  it('skips what was already seen or is older (re-read in the overlap window)', () => {
    expect(isNewer(new Date('2025-03-01T10:00:00Z'), 'negotiation', snapshot)).toBe(false);
    expect(isNewer(new Date('2025-03-01T09:59:59Z'), 'closed-won', snapshot)).toBe(false);
  });

  it('takes a stage change within the same second (timestamps have whole seconds)', () => {
    expect(isNewer(new Date('2025-03-01T10:00:00Z'), 'closed-won', snapshot)).toBe(true);
  });
});
