import type { ProjectDto } from '@app/contracts';
import type { EntityManager } from 'typeorm';
import type { BillingDirectory, BillingRates, ContractRate, TaxRate } from '../billing-ports';
import type { BillableItemEntity } from '../entities';
import { BillingEnricher, type RunScope } from './billing-enricher';

const scope: RunScope = {
  periodFrom: '2025-06-01',
  periodTo: '2025-06-30',
  legalEntity: 'DE-01',
  customers: null,
  projects: null,
};

const project = (over: Partial<ProjectDto> = {}): ProjectDto =>
  ({
    id: 'PRJ-1',
    customerId: 'ACC-1',
    contractId: 'CTR-1',
    legalEntityId: 'DE-01',
    billingModel: 'time-and-materials',
    status: 'active',
    currency: 'EUR',
    budget: { amountMinor: 100000, currency: 'EUR' },
    ...over,
  }) as ProjectDto;

let seq = 0;
const item = (over: Partial<BillableItemEntity> = {}): BillableItemEntity =>
  ({
    id: `item-${++seq}`,
    kind: 'time',
    sourceId: `te-${seq}`,
    version: 1,
    change: 'original',
    reversesItemId: null,
    sourceEventId: `ev-${seq}`,
    projectId: 'PRJ-1',
    workerId: 'W1',
    role: null,
    workDate: '2025-06-10',
    minutes: 60,
    amountMinor: null,
    currency: null,
    billable: true,
    description: null,
    contractId: null,
    approvedBy: null,
    approvedAt: null,
    status: 'open',
    ...over,
  }) as BillableItemEntity;

const tax: TaxRate[] = [
  {
    legalEntityId: 'DE-01',
    customerCountry: 'DE',
    effectiveFrom: '2021-01-01',
    rateBasisPoints: 1900,
    reverseCharge: false,
  },
];

function enricher(options: {
  projects?: ProjectDto[];
  rate?: ContractRate | null;
  country?: string;
  holds?: Array<{ timeEntryId: string; reason: string }>;
  billedFees?: Array<{ project_id: string; total: string }>;
}) {
  const directory: BillingDirectory = {
    getProject: (id) => Promise.resolve((options.projects ?? [project()]).find((p) => p.id === id)),
    customerCountry: () => Promise.resolve(options.country ?? 'DE'),
    assignments: () => Promise.resolve([{ workerId: 'W1', role: 'consultant', startDate: '2025-01-01' }]),
    taxTable: (le, country) =>
      Promise.resolve(tax.filter((t) => t.legalEntityId === le && t.customerCountry === country)),
  };
  const rates: BillingRates = {
    rateOn: () =>
      Promise.resolve(
        options.rate === undefined
          ? {
              hourlyRate: { amountMinor: 18000, currency: 'EUR' },
              rateCardId: 'RC',
              rateCardVersion: 'v1',
              amendmentId: null,
            }
          : options.rate,
      ),
  };
  const manager = {
    getRepository: () => ({ find: () => Promise.resolve(options.holds ?? []) }),
    query: () => Promise.resolve(options.billedFees ?? []),
  } as unknown as EntityManager;
  return { run: (items: BillableItemEntity[]) => new BillingEnricher(directory, rates).enrich(manager, scope, items) };
}

describe('BillingEnricher: eligibility', () => {
  it('prices time with the contract rate, the assignment role and the tax rate of the work date', async () => {
    const result = await enricher({}).run([item()]);
    expect(result.held).toEqual([]);
    expect(result.priced).toEqual([
      expect.objectContaining({ role: 'consultant', rateMinor: 18000n, taxRateBasisPoints: 1900, customerId: 'ACC-1' }),
    ]);
  });

  it.each([
    ['unknown-project', { projects: [] }, item()],
    ['project-on-billing-hold', { projects: [project({ status: 'on-hold' })] }, item()],
    [
      'inactive-worker',
      { holds: [{ timeEntryId: 'te-inactive', reason: 'terminated since 2025-06-01' }] },
      item({ sourceId: 'te-inactive' }),
    ],
    ['missing-rate', { rate: null }, item()],
    [
      'currency-mismatch',
      {
        rate: {
          hourlyRate: { amountMinor: 1, currency: 'USD' },
          rateCardId: 'RC',
          rateCardVersion: 'v1',
          amendmentId: null,
        },
      },
      item(),
    ],
    ['missing-tax-rate', { country: 'ZZ' }, item()],
    [
      'fixed-fee-cap-reached',
      { projects: [project({ billingModel: 'fixed-fee' })], billedFees: [{ project_id: 'PRJ-1', total: '90000' }] },
      item({ kind: 'fixed-fee', minutes: null, amountMinor: 10001n, currency: 'EUR' }),
    ],
  ] as const)('holds %s', async (reason, options, it) => {
    const result = await enricher(options as Parameters<typeof enricher>[0]).run([it]);
    expect(result.priced).toEqual([]);
    expect(result.held.map((h) => h.reason)).toEqual([reason]);
  });

  it('bills a fee up to the cap exactly', async () => {
    const result = await enricher({
      projects: [project({ billingModel: 'fixed-fee' })],
      billedFees: [{ project_id: 'PRJ-1', total: '90000' }],
    }).run([item({ kind: 'fixed-fee', minutes: null, amountMinor: 10000n, currency: 'EUR' })]);
    expect(result.held).toEqual([]);
    expect(result.priced).toHaveLength(1);
  });

  it('leaves time a fee covers and time approved as not billable; skips other entities', async () => {
    const result = await enricher({
      projects: [
        project({ billingModel: 'fixed-fee' }),
        project({ id: 'PRJ-2' }),
        project({ id: 'PRJ-US', legalEntityId: 'US-01' }),
      ],
    }).run([item(), item({ projectId: 'PRJ-2', billable: false }), item({ projectId: 'PRJ-US' })]);
    expect(result.settled.map((s) => s.status)).toEqual(['covered', 'not-billable']);
    expect(result.priced).toEqual([]);
    expect(result.held).toEqual([]);
  });
});
