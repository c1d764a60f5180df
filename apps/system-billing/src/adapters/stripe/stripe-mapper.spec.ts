import type { CustomerDto, InvoiceDto } from '@app/contracts';
import type Stripe from 'stripe';
import {
  fromStripeCreditNote,
  fromStripeCustomer,
  fromStripeInvoice,
  mergeInvoiceState,
  toStripeCustomerParams,
  toStripeInvoiceItemParams,
  toStripeInvoiceParams,
  toStripeTaxItemParams,
  unixOfDate,
} from './stripe-mapper';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const customer: CustomerDto = {
  id: 'CUST-1',
  crossReferences: { salesforce: '001xx' },
  name: 'Acme',
  legalName: 'Acme Holdings Inc.',
  status: 'active',
  legalEntityId: 'US-01',
  currency: 'USD',
  paymentTermsDays: 45,
  billingEmail: 'ap@acme.example',
  billingAddress: { line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', countryCode: 'US' },
  taxId: 'US123',
};

const invoice: InvoiceDto = {
  id: 'INV-1',
  crossReferences: {},
  customerId: 'CUST-1',
  legalEntityId: 'US-01',
  contractId: 'CTR-1',
  projectId: 'PRJ-1',
  status: 'draft',
  currency: 'USD',
  periodStart: '2025-05-01',
  periodEnd: '2025-05-31',
  lines: [
    {
      id: 'L1',
      kind: 'time',
      description: 'Consulting',
      contractId: 'CTR-1',
      rateCardVersionId: 'RC-1-v2',
      timeEntryIds: ['TE-1'],
      quantityMinutes: 600,
      amount: usd(150000),
    },
    {
      id: 'L2',
      kind: 'milestone',
      description: 'Go-live',
      contractId: 'CTR-1',
      milestoneId: 'MS-1',
      amount: usd(50000),
    },
  ],
  subtotal: usd(200000),
  tax: usd(16000),
  total: usd(216000),
  amountPaid: usd(0),
  amountDue: usd(216000),
};

describe('stripe mapper', () => {
  it('maps a canonical customer to Stripe customer params field by field', () => {
    expect(toStripeCustomerParams(customer)).toEqual({
      name: 'Acme',
      email: 'ap@acme.example',
      address: {
        line1: '1 Main St',
        line2: undefined,
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      },
      metadata: {
        canonical_id: 'CUST-1',
        legal_entity_id: 'US-01',
        currency: 'USD',
        payment_terms_days: '45',
        status: 'active',
        tax_id: 'US123',
        legal_name: 'Acme Holdings Inc.',
      },
    });
  });

  it('maps a Stripe customer back to the canonical fields it keeps', () => {
    const c = {
      id: 'cus_1',
      object: 'customer',
      name: 'Acme',
      email: 'ap@acme.example',
      address: {
        line1: '1 Main St',
        line2: null,
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      },
      metadata: toStripeCustomerParams(customer).metadata,
    } as unknown as Stripe.Customer;
    const back = fromStripeCustomer(c);
    expect(back).toEqual({
      vendorId: 'cus_1',
      canonicalId: 'CUST-1',
      name: 'Acme',
      email: 'ap@acme.example',
      canonical: {
        name: 'Acme',
        legalName: 'Acme Holdings Inc.',
        status: 'active',
        legalEntityId: 'US-01',
        currency: 'USD',
        paymentTermsDays: 45,
        billingEmail: 'ap@acme.example',
        taxId: 'US123',
        billingAddress: {
          line1: '1 Main St',
          city: 'Springfield',
          region: 'IL',
          postalCode: '62701',
          countryCode: 'US',
        },
      },
    });
    expect(
      fromStripeCustomer({
        id: 'cus_2',
        name: null,
        email: null,
        address: null,
        metadata: { status: 'weird' },
      } as unknown as Stripe.Customer).canonical,
    ).toEqual({});
  });

  it('maps an invoice to a draft send_invoice invoice without pending items', () => {
    expect(toStripeInvoiceParams(invoice, 'cus_1', 45)).toEqual({
      customer: 'cus_1',
      currency: 'usd',
      collection_method: 'send_invoice',
      days_until_due: 45,
      auto_advance: false,
      pending_invoice_items_behavior: 'exclude',
      metadata: { canonical_id: 'INV-1', legal_entity_id: 'US-01', contract_id: 'CTR-1', project_id: 'PRJ-1' },
    });
  });

  it('maps each line to an invoice item with its traceability in metadata, and the tax to its own item', () => {
    expect(toStripeInvoiceItemParams(invoice, invoice.lines[0], 'cus_1', 'in_1')).toEqual({
      customer: 'cus_1',
      invoice: 'in_1',
      amount: 150000,
      currency: 'usd',
      description: 'Consulting',
      period: { start: unixOfDate('2025-05-01'), end: unixOfDate('2025-05-31') + 86399 },
      metadata: {
        canonical_invoice_id: 'INV-1',
        canonical_line_id: 'L1',
        canonical_kind: 'time',
        contract_id: 'CTR-1',
        rate_card_version_id: 'RC-1-v2',
        quantity_minutes: '600',
      },
    });
    expect(toStripeInvoiceItemParams(invoice, invoice.lines[1], 'cus_1', 'in_1').metadata).toEqual({
      canonical_invoice_id: 'INV-1',
      canonical_line_id: 'L2',
      canonical_kind: 'milestone',
      contract_id: 'CTR-1',
      milestone_id: 'MS-1',
    });
    expect(toStripeTaxItemParams(invoice, 'cus_1', 'in_1')).toEqual({
      customer: 'cus_1',
      invoice: 'in_1',
      amount: 16000,
      currency: 'usd',
      description: 'Tax',
      metadata: { canonical_invoice_id: 'INV-1', canonical_kind: 'tax' },
    });
    expect(toStripeTaxItemParams({ ...invoice, tax: usd(0) }, 'cus_1', 'in_1')).toBeUndefined();
    expect(unixOfDate('2025-05-01')).toBe(1746057600);
  });

  it('maps a Stripe invoice state: status, number, amounts, dates, attempts', () => {
    const inv = {
      id: 'in_1',
      status: 'open',
      number: 'ABCD-0001',
      currency: 'usd',
      total: 216000,
      amount_paid: 0,
      amount_remaining: 216000,
      due_date: 1751328000,
      attempt_count: 1,
      next_payment_attempt: 1751000000,
      metadata: { canonical_id: 'INV-1' },
      status_transitions: { finalized_at: 1748736000, paid_at: null, voided_at: null, marked_uncollectible_at: null },
      last_payment_error: { code: 'card_declined', message: 'Your card was declined.' },
    } as unknown as Stripe.Invoice;
    expect(fromStripeInvoice(inv)).toEqual({
      vendorId: 'in_1',
      canonicalId: 'INV-1',
      status: 'finalized',
      number: 'ABCD-0001',
      currency: 'USD',
      total: usd(216000),
      amountPaid: usd(0),
      amountRemaining: usd(216000),
      issueDate: '2025-06-01',
      dueDate: '2025-07-01',
      finalizedAt: '2025-06-01T00:00:00.000Z',
      attemptCount: 1,
      nextAttemptAt: new Date(1751000000 * 1000).toISOString(),
      lastFailureCode: 'card_declined',
      lastFailureMessage: 'Your card was declined.',
      paidOutOfBand: false,
    });
    for (const [stripe, canonical] of [
      ['draft', 'draft'],
      ['paid', 'paid'],
      ['void', 'void'],
      ['uncollectible', 'uncollectible'],
    ]) {
      expect(fromStripeInvoice({ ...inv, status: stripe } as Stripe.Invoice).status).toBe(canonical);
    }
  });

  it('merges the platform state into the composed invoice, keeping totals consistent', () => {
    const merged = mergeInvoiceState(
      invoice,
      {
        vendorId: 'in_1',
        status: 'paid',
        number: 'ABCD-0001',
        currency: 'USD',
        total: usd(216000),
        amountPaid: usd(216000),
        amountRemaining: usd(0),
        issueDate: '2025-06-01',
        dueDate: '2025-07-01',
        finalizedAt: '2025-06-01T00:00:00.000Z',
        attemptCount: 1,
        paidOutOfBand: false,
      },
      'stripe',
    );
    expect(merged).toMatchObject({
      status: 'paid',
      number: 'ABCD-0001',
      issueDate: '2025-06-01',
      dueDate: '2025-07-01',
      finalizedAt: '2025-06-01T00:00:00.000Z',
      amountPaid: usd(216000),
      amountDue: usd(0),
      crossReferences: { stripe: 'in_1' },
      lines: invoice.lines,
    });
  });

  it('maps a Stripe credit note field by field, naming lines by canonical invoice line id', () => {
    const cn = {
      id: 'cn_1',
      object: 'credit_note',
      amount: 30000,
      currency: 'usd',
      invoice: 'in_1',
      number: 'INV-0001-CN-01',
      status: 'issued',
      pre_payment_amount: 10000,
      post_payment_amount: 20000,
      reason: 'product_unsatisfactory',
      memo: 'Rework',
      created: 1751328000,
      metadata: { canonical_id: 'CN-1', canonical_settlement: 'outside' },
      lines: {
        data: [
          { amount: 25000, description: 'Consulting 1', invoice_line_item: 'il_1' },
          { amount: 5000, description: 'Goodwill', invoice_line_item: null },
        ],
      },
    } as unknown as Stripe.CreditNote;
    const items = [{ id: 'il_1', metadata: { canonical_line_id: 'INV-1-L1' } }] as unknown as Stripe.InvoiceLineItem[];
    expect(fromStripeCreditNote(cn, items)).toEqual({
      vendorId: 'cn_1',
      canonicalId: 'CN-1',
      invoiceVendorId: 'in_1',
      number: 'INV-0001-CN-01',
      status: 'issued',
      amount: usd(30000),
      prePaymentAmount: usd(10000),
      postPaymentAmount: usd(20000),
      reason: 'product-unsatisfactory',
      memo: 'Rework',
      settlement: 'outside',
      lines: [
        { invoiceLineId: 'INV-1-L1', description: 'Consulting 1', amount: usd(25000) },
        { description: 'Goodwill', amount: usd(5000) },
      ],
      createdAt: '2025-07-01T00:00:00.000Z',
    });
    const voided = fromStripeCreditNote(
      { ...cn, status: 'void', post_payment_amount: 0, reason: null, memo: null } as unknown as Stripe.CreditNote,
      [],
    );
    expect(voided).toMatchObject({
      status: 'void',
      lines: [{ description: 'Consulting 1' }, { description: 'Goodwill' }],
    });
    expect(voided).not.toHaveProperty('settlement');
    expect(voided).not.toHaveProperty('reason');
  });
});
