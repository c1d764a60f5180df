import { pickCard } from './contract-pricing.service';
import { baseVersions, mergedRates, PriceBookData, priceOn, RateVersion, versionOn } from './rate-versions';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const card: RateVersion[] = [
  {
    id: 'v1',
    version: 1,
    effectiveFrom: '2025-01-01',
    effectiveTo: '2025-07-01',
    billRates: [
      { role: 'consultant', hourlyRate: usd(15_000) },
      { role: 'senior-consultant', hourlyRate: usd(20_000) },
    ],
  },
  {
    id: 'v2',
    version: 2,
    effectiveFrom: '2025-07-01',
    billRates: [
      { role: 'consultant', hourlyRate: usd(16_000) },
      { role: 'senior-consultant', hourlyRate: usd(21_000) },
    ],
  },
];

function book(amendments: PriceBookData['amendments'] = [], base: RateVersion[] = card): PriceBookData {
  return { projectId: 'p1', currency: 'USD', rateCardId: 'card-usd', base, amendments };
}

describe('rate versions (pure pricing rules)', () => {
  it('picks the card version in force on the work date (effectiveTo exclusive)', () => {
    expect(versionOn(card, '2024-12-31')).toBeUndefined();
    expect(versionOn(card, '2025-01-01')?.id).toBe('v1');
    expect(versionOn(card, '2025-06-30')?.id).toBe('v1');
    expect(versionOn(card, '2025-07-01')?.id).toBe('v2');
    expect(versionOn(card, '2031-01-01')?.id).toBe('v2');
  });

  it('prices D-1 at the old rate and D and later at the amendment rate, in exact minor units', () => {
    const b = book([
      {
        amendmentId: 'a1',
        effectiveFrom: '2025-09-15',
        versionId: 'v3',
        billRates: [
          { role: 'consultant', hourlyRate: usd(17_345) },
          { role: 'senior-consultant', hourlyRate: usd(21_000) },
        ],
      },
    ]);
    expect(priceOn(b, 'consultant', '2025-09-14')).toEqual({
      hourlyRate: usd(16_000),
      rateCardId: 'card-usd',
      rateCardVersion: 'v2',
      effectiveFrom: '2025-07-01',
      amendmentId: null,
    });
    expect(priceOn(b, 'consultant', '2025-09-15')).toEqual({
      hourlyRate: usd(17_345),
      rateCardId: 'card-usd',
      rateCardVersion: 'v3',
      effectiveFrom: '2025-09-15',
      amendmentId: 'a1',
    });
    expect(priceOn(b, 'consultant', '2026-03-01')?.hourlyRate).toEqual(usd(17_345));
    expect(priceOn(b, 'consultant', '2025-03-01')?.hourlyRate).toEqual(usd(15_000));
  });

  it('the latest amendment on or before the date wins; a not yet propagated one cites itself', () => {
    const b = book([
      {
        amendmentId: 'a1',
        effectiveFrom: '2025-08-01',
        versionId: 'v3',
        billRates: [{ role: 'consultant', hourlyRate: usd(1) }],
      },
      {
        amendmentId: 'a2',
        effectiveFrom: '2025-10-01',
        versionId: null,
        billRates: [{ role: 'consultant', hourlyRate: usd(2) }],
      },
    ]);
    expect(priceOn(b, 'consultant', '2025-09-30')?.amendmentId).toBe('a1');
    expect(priceOn(b, 'consultant', '2025-10-01')).toMatchObject({
      amendmentId: 'a2',
      rateCardVersion: 'amendment:a2',
    });
  });

  it('no version in force or no rate for the role: null (billing holds the entry)', () => {
    expect(priceOn(book(), 'consultant', '2024-06-01')).toBeNull();
    expect(priceOn(book(), 'partner', '2025-06-01')).toBeNull();
    expect(priceOn(book([], []), 'consultant', '2025-06-01')).toBeNull();
  });

  it("leaves out of the card's own versions those written by amendments, the previous one open again", () => {
    const withAmendment: RateVersion[] = [
      { ...card[0] },
      { ...card[1], effectiveTo: '2025-09-15' },
      { id: 'v3', version: 3, effectiveFrom: '2025-09-15', billRates: [{ role: 'consultant', hourlyRate: usd(99) }] },
    ];
    const base = baseVersions(withAmendment, new Set(['v3']));
    expect(base.map((v) => [v.id, v.effectiveFrom, v.effectiveTo])).toEqual([
      ['v1', '2025-01-01', '2025-07-01'],
      ['v2', '2025-07-01', undefined],
    ]);
    // another project on the same card keeps the card's own rate after the other contract's amendment
    expect(priceOn(book([], base), 'consultant', '2025-10-01')?.hourlyRate).toEqual(usd(16_000));
  });

  it('merges an amendment over the rates in force on its effective date', () => {
    expect(mergedRates(book(), '2025-09-15', [{ role: 'consultant', hourlyRate: usd(17_000) }])).toEqual([
      { role: 'consultant', hourlyRate: usd(17_000) },
      { role: 'senior-consultant', hourlyRate: usd(21_000) },
    ]);
    const after = book([
      {
        amendmentId: 'a1',
        effectiveFrom: '2025-08-01',
        versionId: 'v3',
        billRates: [{ role: 'partner', hourlyRate: usd(5) }],
      },
    ]);
    expect(mergedRates(after, '2025-09-01', [{ role: 'consultant', hourlyRate: usd(7) }]).map((r) => r.role)).toEqual([
      'consultant',
      'partner',
    ]);
  });

  it("picks the card of the project's currency, the customer's own first", () => {
    const cards = [
      { id: 'std-eur', currency: 'EUR' },
      { id: 'std-usd', currency: 'USD' },
      { id: 'acme-usd', currency: 'USD', customerId: 'acme' },
    ];
    expect(pickCard(cards, 'USD', 'acme')?.id).toBe('acme-usd');
    expect(pickCard(cards, 'USD', 'other')?.id).toBe('std-usd');
    expect(pickCard(cards, 'GBP', 'acme')).toBeUndefined();
  });
});
