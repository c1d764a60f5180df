import {
  bcExternalDocumentNumber,
  bcInvoiceStatus,
  bcNumberFor,
  fromBcCustomer,
  fromBcEmployee,
  fromBcInvoice,
  fromBcProject,
  toBcProjectPatch,
  fromBcTimeEntry,
  odataString,
  toBcCustomer,
  toBcEmployee,
  toBcInvoice,
  toBcTimeEntry,
} from './business-central.mapper';

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });
const GUID = '5f1c2b10-0003-4a6e-9c1d-0000000000aa';

describe('Business Central mapper', () => {
  it('derives deterministic keys from canonical ids', () => {
    expect(bcNumberFor('C', 'cust-1')).toMatch(/^C[0-9A-F]{18}$/);
    expect(bcNumberFor('C', 'cust-1')).toBe(bcNumberFor('C', 'cust-1'));
    expect(bcNumberFor('C', 'cust-1')).not.toBe(bcNumberFor('C', 'cust-2'));
    expect(bcExternalDocumentNumber('inv-1')).toBe('inv-1');
    expect(bcExternalDocumentNumber('x'.repeat(36))).toMatch(/^X[0-9A-F]{34}$/);
    expect(odataString("O'Hara")).toBe("'O''Hara'");
  });

  it('maps a customer both ways; a blank currency code is the company currency', () => {
    expect(
      toBcCustomer(
        { id: 'c1', name: 'Acme', legalEntityId: 'UK-01', billingEmail: 'ap@acme.example', currency: 'GBP' },
        'GBP',
      ),
    ).toEqual({
      displayName: 'Acme',
      email: 'ap@acme.example',
      currencyCode: '',
    });
    expect(toBcCustomer({ id: 'c1', name: 'Acme', legalEntityId: 'UK-01', currency: 'EUR' }, 'GBP')).toEqual({
      displayName: 'Acme',
      email: '',
      currencyCode: 'EUR',
    });
    expect(
      fromBcCustomer(
        { id: GUID, number: 'C1', displayName: 'Acme', email: '', currencyCode: '' },
        { id: 'c1', legalEntityId: 'UK-01', localCurrency: 'GBP' },
      ),
    ).toEqual({
      id: 'c1',
      crossReferences: { 'business-central': GUID },
      name: 'Acme',
      legalEntityId: 'UK-01',
      currency: 'GBP',
    });
  });

  it('maps projects, employees and time entries (what BC has no field for comes from the cross-reference)', () => {
    expect(
      fromBcProject(
        { id: GUID, number: 'J1', displayName: 'Rollout' },
        { id: 'p1', customerId: 'c1', legalEntityId: 'UK-01', startDate: '2025-06-02' },
      ),
    ).toEqual({
      id: 'p1',
      crossReferences: { 'business-central': GUID },
      name: 'Rollout',
      customerId: 'c1',
      legalEntityId: 'UK-01',
      startDate: '2025-06-02',
      status: 'active',
    });
    expect(toBcEmployee({ id: 'w1', givenName: 'Ada', familyName: 'Hughes', legalEntityId: 'UK-01' })).toEqual({
      givenName: 'Ada',
      surname: 'Hughes',
      email: '',
      jobTitle: '',
      terminationDate: '0001-01-01',
      status: 'Active',
    });
    expect(
      fromBcEmployee(
        { id: GUID, number: 'E1', givenName: 'Ada', surname: 'Hughes', email: 'ada@x.example', jobTitle: '' },
        { id: 'w1', legalEntityId: 'UK-01' },
      ),
    ).toEqual({
      id: 'w1',
      crossReferences: { 'business-central': GUID },
      givenName: 'Ada',
      familyName: 'Hughes',
      legalEntityId: 'UK-01',
      email: 'ada@x.example',
      active: true,
    });
    expect(
      toBcTimeEntry(
        { id: 't1', workerId: 'w1', projectId: 'p1', date: '2025-06-03', minutes: 20, role: 'analyst', billable: true },
        'e-guid',
        'j-guid',
      ),
    ).toEqual({
      employeeId: 'e-guid',
      jobId: 'j-guid',
      date: '2025-06-03',
      quantity: 0.33333,
    });
    expect(
      fromBcTimeEntry(
        { id: GUID, employeeId: 'e', jobId: 'j', date: '2025-06-03', quantity: 0.33333 },
        { id: 't1', workerId: 'w1', projectId: 'p1', role: 'analyst', billable: true },
      ),
    ).toEqual({
      id: 't1',
      crossReferences: { 'business-central': GUID },
      workerId: 'w1',
      projectId: 'p1',
      date: '2025-06-03',
      minutes: 20,
      role: 'analyst',
      billable: true,
    });
  });

  it('maps an invoice with lines (deep insert) and back, with posting and payment status', () => {
    expect(
      toBcInvoice(
        {
          id: 'i1',
          customerId: 'c1',
          issueDate: '2025-06-30',
          dueDate: '2025-07-30',
          lines: [
            {
              description: 'Consultant',
              role: 'consultant',
              quantityMinutes: 450,
              unitPrice: gbp(16000),
              amount: gbp(120000),
            },
          ],
        },
        'cust-guid',
        ['SVC-CONSULTANT'],
      ),
    ).toEqual({
      customerId: 'cust-guid',
      externalDocumentNumber: 'i1',
      invoiceDate: '2025-06-30',
      dueDate: '2025-07-30',
      salesInvoiceLines: [
        {
          lineType: 'Item',
          lineObjectNumber: 'SVC-CONSULTANT',
          description: 'Consultant',
          quantity: 7.5,
          unitPrice: 160,
        },
      ],
    });
    const dto = fromBcInvoice(
      {
        id: GUID,
        number: 'S-INV100001',
        invoiceDate: '2025-06-30',
        dueDate: '2025-07-30',
        customerId: 'cust-guid',
        currencyCode: '',
        totalAmountExcludingTax: 1286.67,
        totalTaxAmount: 0,
        totalAmountIncludingTax: 1286.67,
        remainingAmount: 0,
        status: 'Paid',
      },
      [
        {
          id: 'l2',
          sequence: 20000,
          lineType: 'Item',
          lineObjectNumber: 'SVC-MANAGER',
          description: 'Review',
          quantity: 0.33333,
          unitPrice: 260,
          amountExcludingTax: 86.67,
        },
        {
          id: 'l1',
          sequence: 10000,
          lineType: 'Item',
          lineObjectNumber: 'SVC-CONSULTANT',
          description: 'Consultant',
          quantity: 7.5,
          unitPrice: 160,
          amountExcludingTax: 1200,
        },
      ],
      { id: 'i1', customerId: 'c1', legalEntityId: 'UK-01', currency: 'GBP', roles: ['consultant', 'manager'] },
    );
    expect(dto).toEqual({
      id: 'i1',
      crossReferences: { 'business-central': GUID },
      number: 'S-INV100001',
      customerId: 'c1',
      legalEntityId: 'UK-01',
      currency: 'GBP',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      status: 'paid',
      lines: [
        {
          description: 'Consultant',
          role: 'consultant',
          quantityMinutes: 450,
          unitPrice: gbp(16000),
          amount: gbp(120000),
        },
        { description: 'Review', role: 'manager', quantityMinutes: 20, unitPrice: gbp(26000), amount: gbp(8667) },
      ],
      subtotal: gbp(128667),
      tax: gbp(0),
      total: gbp(128667),
      amountPaid: gbp(128667),
      amountDue: gbp(0),
    });
    expect(bcInvoiceStatus('Draft')).toBe('draft');
    expect(bcInvoiceStatus('Open')).toBe('posted');
    expect(bcInvoiceStatus('Canceled')).toBe('void');
  });

  it('maps the employee lifecycle: employment and termination dates, status; BC API v2.0 takes no cost rate', () => {
    const base = { id: 'w1', givenName: 'Ada', familyName: 'Hughes', legalEntityId: 'UK-01' };
    const terminated = toBcEmployee({
      ...base,
      hireDate: '2024-01-08',
      terminationDate: '2026-01-30',
      active: false,
      costRate: { amountMinor: 9120, currency: 'GBP' },
    });
    expect(terminated).toMatchObject({
      employmentDate: '2024-01-08',
      terminationDate: '2026-01-30',
      status: 'Terminated',
    });
    expect(Object.keys(terminated).filter((k) => /cost/i.test(k))).toEqual([]);
    expect(toBcEmployee({ ...base, active: false })).toMatchObject({
      status: 'Inactive',
      terminationDate: '0001-01-01',
    });
    expect(
      fromBcEmployee(
        {
          id: GUID,
          number: 'E1',
          givenName: 'Ada',
          surname: 'Hughes',
          employmentDate: '2024-01-08',
          terminationDate: '2026-01-30',
          status: 'Terminated',
        },
        { id: 'w1', legalEntityId: 'UK-01' },
      ),
    ).toMatchObject({ hireDate: '2024-01-08', terminationDate: '2026-01-30', active: false });
    expect(
      fromBcEmployee(
        {
          id: GUID,
          number: 'E1',
          givenName: 'Ada',
          surname: 'Hughes',
          terminationDate: '0001-01-01',
          status: 'Active',
        },
        { id: 'w1', legalEntityId: 'UK-01' },
      ).terminationDate,
    ).toBeUndefined();
  });

  it('maps a project PATCH to the job fields present (end date, budget, inactive)', () => {
    expect(
      toBcProjectPatch({
        endDate: '2026-12-31',
        budget: { amountMinor: 1_234_567, currency: 'GBP' },
        status: 'inactive',
      }),
    ).toEqual({ endingDate: '2026-12-31', blocked: 'All' });
    expect(toBcProjectPatch({})).toEqual({});
  });
});
