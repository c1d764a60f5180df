import {
  fromNetSuiteCustomer,
  fromNetSuiteEmployee,
  fromNetSuiteInvoice,
  fromNetSuiteJob,
  toNetSuiteJobPatch,
  fromNetSuiteTimeBill,
  minutesToNetSuiteHours,
  netsuiteHoursToMinutes,
  netsuiteInvoiceStatus,
  toNetSuiteCustomer,
  toNetSuiteEmployee,
  toNetSuiteInvoice,
  toNetSuiteJob,
  toNetSuiteTimeBill,
} from './netsuite.mapper';

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

describe('NetSuite mapper', () => {
  it('maps a customer both ways, field by field', () => {
    expect(
      toNetSuiteCustomer({ id: 'c1', name: 'Acme', legalEntityId: 'UK-01', billingEmail: 'ap@acme.example' }, '3', '3'),
    ).toEqual({
      companyName: 'Acme',
      subsidiary: { id: '3' },
      currency: { id: '3' },
      email: 'ap@acme.example',
    });
    expect(toNetSuiteCustomer({ id: 'c1', name: 'Acme', legalEntityId: 'UK-01' }, '3', undefined)).toEqual({
      companyName: 'Acme',
      subsidiary: { id: '3' },
    });
    expect(
      fromNetSuiteCustomer(
        { id: '647', companyName: 'Acme', subsidiary: { id: '3' }, email: 'ap@acme.example' },
        'c1',
        'UK-01',
        'GBP',
      ),
    ).toEqual({
      id: 'c1',
      crossReferences: { netsuite: '647' },
      name: 'Acme',
      legalEntityId: 'UK-01',
      currency: 'GBP',
      billingEmail: 'ap@acme.example',
    });
  });

  it('maps a project (job under its customer by external id) and an employee', () => {
    expect(toNetSuiteJob({ id: 'p1', name: 'Rollout', customerId: 'c1', startDate: '2025-06-02' })).toEqual({
      companyName: 'Rollout',
      parent: { externalId: 'c1' },
      startDate: '2025-06-02',
    });
    expect(
      fromNetSuiteJob(
        { id: '700', companyName: 'Rollout', parent: { id: '647' }, startDate: '2025-06-02' },
        'p1',
        'c1',
        'UK-01',
      ),
    ).toEqual({
      id: 'p1',
      crossReferences: { netsuite: '700' },
      name: 'Rollout',
      customerId: 'c1',
      legalEntityId: 'UK-01',
      startDate: '2025-06-02',
      status: 'active',
    });
    expect(
      toNetSuiteEmployee(
        {
          id: 'w1',
          givenName: 'Ada',
          familyName: 'Hughes',
          email: 'ada@x.example',
          legalEntityId: 'UK-01',
          jobTitle: 'Manager',
        },
        '3',
      ),
    ).toEqual({
      firstName: 'Ada',
      lastName: 'Hughes',
      subsidiary: { id: '3' },
      email: 'ada@x.example',
      title: 'Manager',
      releaseDate: null,
      isInactive: false,
    });
    expect(
      fromNetSuiteEmployee({ id: '12', firstName: 'Ada', lastName: 'Hughes', subsidiary: { id: '3' } }, 'w1', 'UK-01'),
    ).toEqual({
      id: 'w1',
      crossReferences: { netsuite: '12' },
      givenName: 'Ada',
      familyName: 'Hughes',
      legalEntityId: 'UK-01',
      active: true,
    });
  });

  it('maps the employee cost rate (laborCost in major units) and the termination (releaseDate, isInactive)', () => {
    const base = { id: 'w1', givenName: 'Ada', familyName: 'Hughes', legalEntityId: 'UK-01' };
    expect(
      toNetSuiteEmployee(
        {
          ...base,
          costRate: { amountMinor: 9120, currency: 'GBP' },
          hireDate: '2024-01-08',
          terminationDate: '2026-01-30',
          active: false,
        },
        '3',
      ),
    ).toMatchObject({ laborCost: 91.2, hireDate: '2024-01-08', releaseDate: '2026-01-30', isInactive: true });
    expect(toNetSuiteEmployee({ ...base, costRate: { amountMinor: 12000, currency: 'JPY' } }, '3')).toMatchObject({
      laborCost: 12000,
    });
    expect(
      fromNetSuiteEmployee(
        {
          id: '12',
          firstName: 'Ada',
          lastName: 'Hughes',
          subsidiary: { id: '3' },
          laborCost: 91.2,
          releaseDate: '2026-01-30',
          isInactive: true,
        },
        'w1',
        'UK-01',
        'GBP',
      ),
    ).toMatchObject({ costRate: { amountMinor: 9120, currency: 'GBP' }, terminationDate: '2026-01-30', active: false });
  });

  it('maps time bills with minutes as H:MM and reads decimal hours too', () => {
    expect(minutesToNetSuiteHours(450)).toBe('7:30');
    expect(minutesToNetSuiteHours(5)).toBe('0:05');
    expect(netsuiteHoursToMinutes('7:30')).toBe(450);
    expect(netsuiteHoursToMinutes(1.25)).toBe(75);
    expect(netsuiteHoursToMinutes('0.5')).toBe(30);
    expect(
      toNetSuiteTimeBill(
        {
          id: 't1',
          workerId: 'w1',
          projectId: 'p1',
          date: '2025-06-03',
          minutes: 450,
          role: 'consultant',
          billable: false,
          description: 'Workshop',
        },
        '2',
      ),
    ).toEqual({
      employee: { externalId: 'w1' },
      customer: { externalId: 'p1' },
      item: { id: '2' },
      tranDate: '2025-06-03',
      hours: '7:30',
      isBillable: false,
      memo: 'Workshop',
    });
    expect(
      fromNetSuiteTimeBill(
        { id: '9', employee: { id: '12' }, tranDate: '2025-06-03', hours: '7:30', isBillable: false, memo: 'Workshop' },
        { id: 't1', workerId: 'w1', projectId: 'p1', role: 'consultant' },
      ),
    ).toEqual({
      id: 't1',
      crossReferences: { netsuite: '9' },
      workerId: 'w1',
      projectId: 'p1',
      date: '2025-06-03',
      minutes: 450,
      role: 'consultant',
      billable: false,
      description: 'Workshop',
    });
  });

  it('maps an invoice with lines in decimal major units and back to minor units', () => {
    const body = toNetSuiteInvoice(
      {
        id: 'i1',
        customerId: 'c1',
        projectId: 'p1',
        issueDate: '2025-06-30',
        dueDate: '2025-07-30',
        lines: [
          { description: 'Manager', role: 'manager', quantityMinutes: 20, unitPrice: gbp(26000), amount: gbp(8667) },
        ],
      },
      ['4'],
    );
    expect(body).toEqual({
      entity: { externalId: 'c1' },
      job: { externalId: 'p1' },
      tranDate: '2025-06-30',
      dueDate: '2025-07-30',
      item: { items: [{ item: { id: '4' }, description: 'Manager', quantity: 0.33333, rate: 260, amount: 86.67 }] },
    });
    const dto = fromNetSuiteInvoice(
      {
        id: '81',
        tranId: 'INV00081',
        entity: { id: '647' },
        subsidiary: { id: '3' },
        currency: { id: '3' },
        tranDate: '2025-06-30',
        dueDate: '2025-07-30',
        status: 'Open',
        total: 1286.67,
        taxTotal: 0,
        amountRemaining: 286.67,
        item: {
          items: [
            { item: { id: '2' }, description: 'Consultant', quantity: 7.5, rate: 160, amount: 1200 },
            { item: { id: '4' }, quantity: 0.33333, rate: 260, amount: 86.67 },
          ],
        },
      },
      {
        id: 'i1',
        customerId: 'c1',
        projectId: 'p1',
        legalEntityId: 'UK-01',
        currency: 'GBP',
        roles: ['consultant', 'manager'],
      },
    );
    expect(dto).toEqual({
      id: 'i1',
      crossReferences: { netsuite: '81' },
      number: 'INV00081',
      customerId: 'c1',
      projectId: 'p1',
      legalEntityId: 'UK-01',
      currency: 'GBP',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      status: 'posted',
      lines: [
        {
          description: 'Consultant',
          role: 'consultant',
          quantityMinutes: 450,
          unitPrice: gbp(16000),
          amount: gbp(120000),
        },
        { description: '', role: 'manager', quantityMinutes: 20, unitPrice: gbp(26000), amount: gbp(8667) },
      ],
      subtotal: gbp(128667),
      tax: gbp(0),
      total: gbp(128667),
      amountPaid: gbp(100000),
      amountDue: gbp(28667),
    });
  });

  it('maps NetSuite invoice statuses to the canonical posting and payment status', () => {
    expect(netsuiteInvoiceStatus('Pending Approval')).toBe('draft');
    expect(netsuiteInvoiceStatus('Open')).toBe('posted');
    expect(netsuiteInvoiceStatus('Paid In Full')).toBe('paid');
    expect(netsuiteInvoiceStatus('Voided')).toBe('void');
    expect(netsuiteInvoiceStatus(undefined)).toBe('draft');
  });

  it('maps a project PATCH to the job fields present (end date, budget, inactive)', () => {
    expect(
      toNetSuiteJobPatch({
        endDate: '2026-12-31',
        budget: { amountMinor: 1_234_567, currency: 'GBP' },
        status: 'inactive',
      }),
    ).toEqual({ projectedEndDate: '2026-12-31', estimatedRevenue: 12345.67, isInactive: true });
    expect(toNetSuiteJobPatch({})).toEqual({});
  });
});
