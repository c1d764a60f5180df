import { composeInvoices, invoiceIdOf, type PricedItem } from './invoice-composer';

const time = (over: Partial<PricedItem>): PricedItem => ({
  itemId: 'i1',
  kind: 'time',
  sourceId: 'te-1',
  change: 'original',
  workDate: '2025-06-02',
  customerId: 'ACC-1',
  projectId: 'PRJ-1',
  contractId: 'CTR-1',
  currency: 'USD',
  role: 'consultant',
  minutes: 60,
  rateMinor: 15000n,
  psaRateMinor: null,
  rateCardId: 'RC-1',
  rateCardVersion: '2025-01-01',
  amendmentId: null,
  amountMinor: null,
  taxRateBasisPoints: 0,
  description: null,
  ...over,
});

describe('composeInvoices', () => {
  it('one invoice per customer, project and currency; time lines by role, rate and tax rate; totals = lines + tax', () => {
    const items = [
      time({ itemId: 'a', minutes: 7, rateMinor: 10000n, taxRateBasisPoints: 1900 }),
      time({ itemId: 'b', minutes: 7, rateMinor: 10000n, taxRateBasisPoints: 1900, workDate: '2025-06-03' }),
      time({ itemId: 'c', minutes: 90, role: 'analyst', rateMinor: 9000n, taxRateBasisPoints: 1900 }),
      time({ itemId: 'd', minutes: 60, projectId: 'PRJ-2', rateMinor: 10000n }),
      {
        ...time({ itemId: 'e', kind: 'milestone', sourceId: 'ms-1', minutes: null, rateMinor: null }),
        amountMinor: 500000n,
        role: null,
        taxRateBasisPoints: 1900,
        description: 'Go-live',
      },
    ];
    const invoices = composeInvoices([...items].reverse(), '2025-06-01', '2025-06-30');
    expect(invoices.map((i) => i.projectId)).toEqual(['PRJ-1', 'PRJ-2']);
    const [one] = invoices;
    // analyst: 90 min x 90.00/h = 135.00, tax 19 % = 25.65; consultant: 14 min x 100.00/h = 23.333.. -> 23.33, tax 4.4327 -> 4.43
    expect(one.lines.map((l) => [l.kind, l.role, l.minutes, l.amountMinor, l.taxMinor])).toEqual([
      ['time', 'analyst', 90, 13500n, 2565n],
      ['time', 'consultant', 14, 2333n, 443n],
      ['milestone', null, null, 500000n, 95000n],
    ]);
    expect(one.subtotalMinor).toBe(13500n + 2333n + 500000n);
    expect(one.taxMinor).toBe(2565n + 443n + 95000n);
    expect(one.totalMinor).toBe(one.subtotalMinor + one.taxMinor);
    expect(one.lines[1].shares.map((s) => [s.key, s.exactShare, s.allocatedMinor])).toEqual([
      ['a', '3500/3', 1167n],
      ['b', '3500/3', 1166n],
    ]);
    expect(one.lines.map((l) => l.id)).toEqual([`${one.id}-1`, `${one.id}-2`, `${one.id}-3`]);
  });

  it('the invoice id comes from its identity and items, never the order or the run', () => {
    const a = composeInvoices([time({ itemId: 'x' }), time({ itemId: 'y' })], '2025-06-01', '2025-06-30');
    const b = composeInvoices([time({ itemId: 'y' }), time({ itemId: 'x' })], '2025-06-01', '2025-06-30');
    expect(a[0].id).toBe(b[0].id);
    expect(a[0].id).toBe(invoiceIdOf('ACC-1', 'PRJ-1', 'USD', '2025-06-01', '2025-06-30', ['x', 'y']));
    expect(a[0].id).not.toBe(invoiceIdOf('ACC-1', 'PRJ-1', 'USD', '2025-06-01', '2025-06-30', ['x']));
    expect(a[0].id).toMatch(/^inv-[0-9a-f]{32}$/);
  });

  it('currencies never share an invoice', () => {
    const invoices = composeInvoices(
      [time({ itemId: 'x' }), time({ itemId: 'y', currency: 'EUR' })],
      '2025-06-01',
      '2025-06-30',
    );
    expect(invoices.map((i) => i.currency).sort()).toEqual(['EUR', 'USD']);
  });
});
