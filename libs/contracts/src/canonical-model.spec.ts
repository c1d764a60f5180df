import 'reflect-metadata';
import {
  AssignmentDto,
  ContractDto,
  CustomerDto,
  ExpenseDto,
  InvoiceDto,
  LegalEntityDto,
  MilestoneDto,
  PaymentDto,
  ProjectDto,
  RateCardDto,
  TimeEntryDto,
  validateContract,
  WorkerDto,
} from './index';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const refs = { salesforce: '0015e00000AbCdEAAZ', netsuite: '1187' };

const examples = {
  legalEntity: {
    id: 'le-us01',
    crossReferences: { netsuite: '3', workday: 'CO_US01' },
    code: 'US01',
    name: 'Example Consulting Inc.',
    countryCode: 'US',
    functionalCurrency: 'USD',
    address: { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', countryCode: 'US' },
  },
  customer: {
    id: 'cus-1',
    crossReferences: refs,
    name: 'Acme',
    status: 'active',
    legalEntityId: 'le-us01',
    currency: 'USD',
    paymentTermsDays: 30,
    billingEmail: 'ap@acme.example',
  },
  contract: {
    id: 'ctr-1',
    crossReferences: {},
    name: 'Acme data platform',
    customerId: 'cus-1',
    legalEntityId: 'le-us01',
    billingModel: 'time-and-materials',
    status: 'active',
    currency: 'USD',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    rateCardId: 'rc-1',
    totalValue: usd(50_000_00),
    paymentTermsDays: 30,
    amendments: [{ id: 'amd-1', sequence: 1, effectiveDate: '2025-06-01', summary: 'Extended', endDate: '2026-03-31' }],
  },
  rateCard: {
    id: 'rc-1',
    crossReferences: { kantata: '77' },
    name: 'Acme 2025',
    currency: 'USD',
    customerId: 'cus-1',
    versions: [
      {
        id: 'rcv-1',
        version: 1,
        effectiveFrom: '2025-01-01',
        effectiveTo: '2025-07-01',
        billRates: [{ role: 'consultant', hourlyRate: usd(150_00) }],
      },
      {
        id: 'rcv-2',
        version: 2,
        effectiveFrom: '2025-07-01',
        billRates: [{ role: 'consultant', hourlyRate: usd(160_00) }],
      },
    ],
  },
  project: {
    id: 'prj-1',
    crossReferences: { kantata: '9001', netsuite: 'JOB-12' },
    name: 'Acme data platform',
    customerId: 'cus-1',
    contractId: 'ctr-1',
    legalEntityId: 'le-us01',
    billingModel: 'time-and-materials',
    status: 'active',
    currency: 'USD',
    startDate: '2025-01-06',
    budget: usd(40_000_00),
    budgetMinutes: 250 * 60,
  },
  worker: {
    id: 'wrk-1',
    crossReferences: { workday: '21001' },
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: 'ada@example.com',
    status: 'active',
    legalEntityId: 'le-us01',
    costCentre: 'CC-100',
    location: 'NYC',
    managerId: 'wrk-0',
    role: 'consultant',
    costRate: { hourlyCost: usd(80_00), effectiveFrom: '2025-01-01' },
    hireDate: '2020-03-01',
  },
  assignment: {
    id: 'asg-1',
    crossReferences: { kantata: '555' },
    version: 3,
    projectId: 'prj-1',
    workerId: 'wrk-1',
    role: 'consultant',
    status: 'confirmed',
    startDate: '2025-01-06',
    allocationPercent: 50,
    billable: true,
  },
  timeEntry: {
    id: 'te-1',
    crossReferences: { kantata: '123456' },
    workerId: 'wrk-1',
    projectId: 'prj-1',
    date: '2025-02-03',
    minutes: 450,
    billable: true,
    status: 'approved',
    approvedAt: '2025-02-07T16:00:00Z',
  },
  expense: {
    id: 'exp-1',
    crossReferences: {},
    workerId: 'wrk-1',
    projectId: 'prj-1',
    date: '2025-02-03',
    category: 'travel',
    amount: { amountMinor: 123_45, currency: 'EUR' },
    billable: true,
    reimbursable: true,
    status: 'submitted',
  },
  milestone: {
    id: 'ms-1',
    crossReferences: {},
    projectId: 'prj-1',
    contractId: 'ctr-1',
    name: 'Design signed off',
    amount: usd(10_000_00),
    status: 'completed',
    completedAt: '2025-03-01T12:00:00Z',
  },
  invoice: {
    id: 'inv-1',
    crossReferences: { stripe: 'in_1Abc', netsuite: 'INV-1001' },
    number: 'INV-1001',
    customerId: 'cus-1',
    legalEntityId: 'le-us01',
    contractId: 'ctr-1',
    projectId: 'prj-1',
    status: 'finalized',
    currency: 'USD',
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    periodStart: '2025-02-01',
    periodEnd: '2025-02-28',
    lines: [
      {
        id: 'line-1',
        kind: 'time',
        description: 'Consulting, February',
        contractId: 'ctr-1',
        rateCardVersionId: 'rcv-1',
        timeEntryIds: ['te-1'],
        role: 'consultant',
        quantityMinutes: 450,
        unitPrice: usd(150_00),
        amount: usd(1125_00),
      },
      {
        id: 'line-2',
        kind: 'milestone',
        description: 'Design signed off',
        contractId: 'ctr-1',
        milestoneId: 'ms-1',
        amount: usd(10_000_00),
      },
      { id: 'line-3', kind: 'adjustment', description: 'Goodwill credit', contractId: 'ctr-1', amount: usd(-125_00) },
    ],
    subtotal: usd(11_000_00),
    tax: usd(880_00),
    total: usd(11_880_00),
    amountPaid: usd(0),
    amountDue: usd(11_880_00),
    finalizedAt: '2025-03-01T09:00:00Z',
  },
  payment: {
    id: 'pay-1',
    crossReferences: { stripe: 'pi_123' },
    invoiceId: 'inv-1',
    customerId: 'cus-1',
    amount: usd(11_880_00),
    status: 'succeeded',
    method: 'card',
    occurredAt: '2025-03-05T10:00:00Z',
  },
};

type Example = Record<string, unknown>;
const cases: Array<[string, new () => object, Example]> = [
  ['LegalEntity', LegalEntityDto, examples.legalEntity],
  ['Customer', CustomerDto, examples.customer],
  ['Contract', ContractDto, examples.contract],
  ['RateCard', RateCardDto, examples.rateCard],
  ['Project', ProjectDto, examples.project],
  ['Worker', WorkerDto, examples.worker],
  ['Assignment', AssignmentDto, examples.assignment],
  ['TimeEntry', TimeEntryDto, examples.timeEntry],
  ['Expense', ExpenseDto, examples.expense],
  ['Milestone', MilestoneDto, examples.milestone],
  ['Invoice', InvoiceDto, examples.invoice],
  ['Payment', PaymentDto, examples.payment],
];

function problems(cls: new () => object, plain: unknown): string[] {
  return validateContract(cls, plain).problems;
}

/** A deep copy with `patch` applied; `undefined` values delete the key. */
function withPatch<T extends Example>(base: T, patch: Example): Example {
  const copy = structuredClone(base) as Example;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}

describe('canonical model', () => {
  it.each(cases)('a valid %s passes', (_name, cls, example) => {
    expect(problems(cls, example)).toEqual([]);
  });

  it.each(cases)('%s needs its id and cross-references and rejects unknown fields', (_name, cls, example) => {
    expect(
      problems(cls, withPatch(example, { id: undefined, crossReferences: undefined, surprise: 1 })).sort(),
    ).toEqual([
      'crossReferences: crossReferences must be an object of system -> id',
      "id: id must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
      'surprise: property surprise should not exist',
    ]);
  });

  it('never accepts a float or a string for money anywhere', () => {
    expect(
      problems(PaymentDto, withPatch(examples.payment, { amount: { amountMinor: 118.8, currency: 'USD' } })),
    ).toEqual(['amount.amountMinor: amountMinor must be an integer amount in minor units (no decimals)']);
    expect(
      problems(ProjectDto, withPatch(examples.project, { budget: { amountMinor: '4000000', currency: 'USD' } })),
    ).toEqual(['budget.amountMinor: amountMinor must be an integer amount in minor units (no decimals)']);
    expect(problems(PaymentDto, withPatch(examples.payment, { amount: 1188000 }))).toEqual([
      'amount: nested property amount must be either object or array',
    ]);
  });

  it('keeps durations in whole minutes within a day', () => {
    for (const minutes of [0, -30, 7.5, 1441, '450']) {
      expect(problems(TimeEntryDto, withPatch(examples.timeEntry, { minutes }))).toEqual([
        'minutes: minutes must be a whole number of minutes between 1 and 1440',
      ]);
    }
  });

  describe('Contract', () => {
    it('requires what its billing model needs', () => {
      const { rateCardId: _r, totalValue: _t, ...bare } = examples.contract;
      expect(problems(ContractDto, { ...bare, billingModel: 'time-and-materials' })).toEqual([
        "rateCardId: rateCardId must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
      ]);
      expect(problems(ContractDto, { ...bare, billingModel: 'fixed-fee' })).toEqual([
        'totalValue: totalValue should not be null or undefined',
      ]);
      expect(problems(ContractDto, { ...bare, billingModel: 'retainer' })).toEqual([
        'retainer: retainer should not be null or undefined',
      ]);
      expect(
        problems(ContractDto, {
          ...bare,
          billingModel: 'retainer',
          retainer: { fee: usd(5000_00), period: 'monthly', includedMinutes: 1200 },
        }),
      ).toEqual([]);
      expect(problems(ContractDto, { ...bare, billingModel: 'milestone' })).toEqual([]);
      expect(problems(ContractDto, { ...bare, billingModel: 'hourly' })).toEqual([
        'billingModel: billingModel must be one of the following values: time-and-materials, fixed-fee, milestone, retainer',
      ]);
    });

    it('keeps amounts in the contract currency and dates in order', () => {
      expect(
        problems(ContractDto, withPatch(examples.contract, { totalValue: { amountMinor: 1, currency: 'EUR' } })),
      ).toEqual(['totalValue: totalValue.currency must be currency (USD)']);
      expect(problems(ContractDto, withPatch(examples.contract, { endDate: '2024-12-31' }))).toEqual([
        'endDate: endDate must not be before startDate',
      ]);
      expect(
        problems(
          ContractDto,
          withPatch(examples.contract, {
            amendments: [{ id: 'a', sequence: 0, effectiveDate: '2025-13-01', summary: '' }],
          }),
        ).sort(),
      ).toEqual([
        'amendments.0.effectiveDate: effectiveDate must be a calendar date (YYYY-MM-DD)',
        'amendments.0.sequence: sequence must not be less than 1',
        'amendments.0.summary: summary must be longer than or equal to 1 characters',
      ]);
    });
  });

  describe('RateCard', () => {
    it('keeps every rate in the card currency, non-negative, with non-overlapping versions', () => {
      const versions = structuredClone(examples.rateCard.versions) as Example[];
      (versions[1].billRates as Example[])[0].hourlyRate = { amountMinor: 100, currency: 'EUR' };
      expect(problems(RateCardDto, withPatch(examples.rateCard, { versions }))).toEqual([
        'versions: versions.1.billRates.0.hourlyRate.currency is EUR: every amount must be in currency (USD)',
      ]);
      (versions[1].billRates as Example[])[0].hourlyRate = usd(-1);
      expect(problems(RateCardDto, withPatch(examples.rateCard, { versions }))).toEqual([
        'versions.1.billRates.0.hourlyRate: hourlyRate.amountMinor must not be less than 0',
      ]);
      const overlapping = structuredClone(examples.rateCard.versions) as Example[];
      overlapping[0].effectiveTo = '2025-08-01';
      expect(problems(RateCardDto, withPatch(examples.rateCard, { versions: overlapping }))).toEqual([
        'versions: versions must have unique version numbers and non-overlapping effective periods',
      ]);
      expect(problems(RateCardDto, withPatch(examples.rateCard, { versions: [] }))).toEqual([
        'versions: versions should not be empty',
      ]);
    });
  });

  describe('Worker', () => {
    it('needs a termination date once terminated and knows only three statuses', () => {
      expect(problems(WorkerDto, withPatch(examples.worker, { status: 'terminated' }))).toEqual([
        'terminationDate: terminationDate must be a calendar date (YYYY-MM-DD)',
      ]);
      expect(
        problems(WorkerDto, withPatch(examples.worker, { status: 'terminated', terminationDate: '2025-06-30' })),
      ).toEqual([]);
      expect(problems(WorkerDto, withPatch(examples.worker, { status: 'on-leave' }))).toEqual([]);
      expect(problems(WorkerDto, withPatch(examples.worker, { status: 'retired' }))).toEqual([
        'status: status must be one of the following values: active, on-leave, terminated',
      ]);
      expect(problems(WorkerDto, withPatch(examples.worker, { costRate: undefined }))).toEqual([
        'costRate: costRate should not be null or undefined',
      ]);
    });
  });

  describe('TimeEntry and Milestone', () => {
    it('need their approval / completion time once approved / completed', () => {
      expect(problems(TimeEntryDto, withPatch(examples.timeEntry, { approvedAt: undefined }))).toEqual([
        'approvedAt: approvedAt must be an RFC 3339 timestamp with a zone (e.g. 2025-03-01T09:30:00Z)',
      ]);
      expect(
        problems(TimeEntryDto, withPatch(examples.timeEntry, { approvedAt: undefined, status: 'submitted' })),
      ).toEqual([]);
      expect(problems(MilestoneDto, withPatch(examples.milestone, { completedAt: undefined }))).toEqual([
        'completedAt: completedAt must be an RFC 3339 timestamp with a zone (e.g. 2025-03-01T09:30:00Z)',
      ]);
      expect(
        problems(MilestoneDto, withPatch(examples.milestone, { completedAt: undefined, status: 'planned' })),
      ).toEqual([]);
    });
  });

  describe('Invoice', () => {
    const lines = () => structuredClone(examples.invoice.lines) as Example[];

    it('makes each line trace to its source', () => {
      const l = lines();
      delete l[0].timeEntryIds;
      delete l[0].rateCardVersionId;
      delete l[1].milestoneId;
      l[2].contractId = '';
      expect(problems(InvoiceDto, withPatch(examples.invoice, { lines: l })).sort()).toEqual(
        [
          "lines.0.rateCardVersionId: rateCardVersionId must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
          'lines.0.timeEntryIds: timeEntryIds must be an array',
          'lines.0.timeEntryIds: timeEntryIds should not be empty',
          "lines.0.timeEntryIds: each value in timeEntryIds must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
          "lines.1.milestoneId: milestoneId must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
          "lines.2.contractId: contractId must be an identifier (1-128 letters, digits, '.', '_', ':' or '-')",
        ].sort(),
      );
      const expenseLine = {
        id: 'line-4',
        kind: 'expense',
        description: 'Travel',
        contractId: 'ctr-1',
        amount: usd(0),
        expenseIds: [],
      };
      expect(problems(InvoiceDto, withPatch(examples.invoice, { lines: [...lines(), expenseLine] }))).toEqual([
        'lines.3.expenseIds: expenseIds should not be empty',
      ]);
    });

    it('keeps every amount in the invoice currency', () => {
      const l = lines();
      l[1].amount = { amountMinor: 10_000_00, currency: 'EUR' };
      expect(problems(InvoiceDto, withPatch(examples.invoice, { lines: l }))).toEqual([
        'lines: lines.1.amount.currency is EUR: every amount must be in currency (USD)',
      ]);
      expect(
        problems(InvoiceDto, withPatch(examples.invoice, { tax: { amountMinor: 880_00, currency: 'GBP' } })),
      ).toEqual(['tax: tax.currency must be currency (USD)']);
    });

    it('keeps subtotal, total and amount due consistent with the lines', () => {
      expect(problems(InvoiceDto, withPatch(examples.invoice, { subtotal: usd(11_000_01) }))).toEqual([
        'total: invoice totals are inconsistent: subtotal is 1100001 but the lines, tax and payments make 1100000',
      ]);
      expect(problems(InvoiceDto, withPatch(examples.invoice, { total: usd(11_000_00) }))).toEqual([
        'total: invoice totals are inconsistent: total is 1100000 but the lines, tax and payments make 1188000',
      ]);
      expect(problems(InvoiceDto, withPatch(examples.invoice, { amountPaid: usd(880_00) }))).toEqual([
        'total: invoice totals are inconsistent: amountDue is 1188000 but the lines, tax and payments make 1100000',
      ]);
      expect(
        problems(InvoiceDto, withPatch(examples.invoice, { amountPaid: usd(880_00), amountDue: usd(11_000_00) })),
      ).toEqual([]);
    });
  });

  it('Payment amounts are positive', () => {
    expect(problems(PaymentDto, withPatch(examples.payment, { amount: usd(0) }))).toEqual([
      'amount: amount.amountMinor must not be less than 1',
    ]);
  });
});
