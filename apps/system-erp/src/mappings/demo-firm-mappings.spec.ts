import { COUNTRY_CODE_PATTERN } from '@app/contracts';
import { DEMO_LEGAL_ENTITIES, DEMO_ROLE_ITEMS, DEMO_TAX_RATES, EU_COUNTRIES } from './demo-firm-mappings';

describe('demo firm mapping tables', () => {
  it('has tax rows for mapped legal entities only, valid, and never two rows in force on the same day', () => {
    const entities = new Set(DEMO_LEGAL_ENTITIES.map((e) => e.legalEntityId));
    const byPair = new Map<string, typeof DEMO_TAX_RATES>();
    for (const row of DEMO_TAX_RATES) {
      expect(entities.has(row.legalEntityId)).toBe(true);
      expect(row.customerCountry).toMatch(COUNTRY_CODE_PATTERN);
      expect(row.rateBasisPoints).toBeGreaterThanOrEqual(0);
      expect(row.rateBasisPoints).toBeLessThanOrEqual(10_000);
      if (row.reverseCharge) expect([row.rateBasisPoints, typeof row.note]).toEqual([0, 'string']);
      const key = `${row.legalEntityId}/${row.customerCountry}`;
      byPair.set(key, [...(byPair.get(key) ?? []), row]);
    }
    for (const rows of byPair.values()) {
      const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i - 1].effectiveTo).toBeDefined();
        expect(sorted[i - 1].effectiveTo! < sorted[i].effectiveFrom).toBe(true);
      }
    }
  });

  it('charges domestic VAT, reverse-charges EU businesses from Germany, and knows every EU state', () => {
    const open = (le: string, c: string) =>
      DEMO_TAX_RATES.find((r) => r.legalEntityId === le && r.customerCountry === c && !r.effectiveTo)!;
    expect(open('DE-01', 'DE').rateBasisPoints).toBe(1900);
    expect(open('UK-01', 'GB').rateBasisPoints).toBe(2000);
    expect(open('US-01', 'US').rateBasisPoints).toBe(0);
    expect(open('DE-01', 'FR')).toMatchObject({ rateBasisPoints: 0, reverseCharge: true });
    expect(EU_COUNTRIES).toHaveLength(27);
    for (const c of EU_COUNTRIES.filter((x) => x !== 'DE')) expect(open('DE-01', c).reverseCharge).toBe(true);
  });

  it('gives every role an ERP item in both ERPs and a billing class', () => {
    for (const r of DEMO_ROLE_ITEMS) {
      expect(r.netsuite).toBeTruthy();
      expect(r.businessCentral).toBeTruthy();
      expect(r.billingClass).toBe('professional-services');
    }
  });
});
