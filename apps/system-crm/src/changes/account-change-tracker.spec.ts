import { changedFields } from './account-change-tracker';

describe('changedFields (which canonical customer fields an account change touched)', () => {
  const before = {
    id: 'ACC-1',
    name: 'Acme',
    currency: 'USD',
    billingAddress: { line1: 'Main St 1', city: 'Boston', countryCode: 'US' },
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('lists changed, added and removed fields, sorted, comparing nested values', () => {
    expect(
      changedFields(before, {
        ...before,
        name: 'Acme Inc.',
        billingAddress: { line1: 'Main St 2', city: 'Boston', countryCode: 'US' },
        paymentTermsDays: 45,
        currency: undefined,
      }),
    ).toEqual(['billingAddress', 'currency', 'name', 'paymentTermsDays']);
  });

  it('ignores updatedAt: an edit the customer does not show changes nothing', () => {
    expect(changedFields(before, { ...before, updatedAt: '2025-02-01T00:00:00.000Z' })).toEqual([]);
  });
});
