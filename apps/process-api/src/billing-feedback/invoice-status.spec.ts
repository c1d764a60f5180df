import { advance, observe, Observation } from './invoice-status';

const at = (o: Partial<Observation>): Observation => ({
  billingStatus: 'finalized',
  totalMinor: 10000,
  amountPaidMinor: 0,
  dueDate: '2025-07-31',
  implied: undefined,
  today: '2025-07-15',
  ...o,
});

describe('invoice feedback status', () => {
  it('derives open, partially paid, overdue, paid and voided from the billing state and the event', () => {
    expect(observe(at({})).status).toBe('open');
    expect(observe(at({ amountPaidMinor: 2500 }))).toEqual({
      status: 'partially_paid',
      totalMinor: 10000,
      amountPaidMinor: 2500,
    });
    expect(observe(at({ today: '2025-08-01' })).status).toBe('overdue');
    expect(observe(at({ implied: 'overdue' })).status).toBe('overdue');
    expect(observe(at({ billingStatus: 'uncollectible' })).status).toBe('overdue');
    expect(observe(at({ billingStatus: 'paid', amountPaidMinor: 10000, paidDate: '2025-07-20' }))).toEqual({
      status: 'paid',
      totalMinor: 10000,
      amountPaidMinor: 10000,
      paidDate: '2025-07-20',
    });
    // the ERP says paid while the billing platform has not seen the money: paid in full
    expect(observe(at({ implied: 'paid' }))).toMatchObject({
      status: 'paid',
      amountPaidMinor: 10000,
      paidDate: '2025-07-15',
    });
    expect(observe(at({ implied: 'voided' })).status).toBe('voided');
  });

  it('never moves backwards: paid and voided are final, the amount paid only grows', () => {
    const paid = observe(at({ billingStatus: 'paid', amountPaidMinor: 10000 }));
    expect(advance(paid, observe(at({ amountPaidMinor: 2500 })))).toBe(paid);
    expect(advance(paid, observe(at({ implied: 'voided' })))).toBe(paid);
    const overdue = observe(at({ implied: 'overdue' }));
    expect(advance(overdue, observe(at({}))).status).toBe('overdue');
    const partlyOverdue = advance(overdue, observe(at({ amountPaidMinor: 4000 })));
    expect(partlyOverdue).toEqual({ status: 'overdue', totalMinor: 10000, amountPaidMinor: 4000 });
    const partial = observe(at({ amountPaidMinor: 4000 }));
    expect(advance(partial, observe(at({ amountPaidMinor: 1000 })))).toEqual(partial);
    expect(advance(partial, paid)).toBe(paid);
    expect(advance(undefined, partial)).toBe(partial);
  });
});
