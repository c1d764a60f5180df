/**
 * The billing run worker on a real PostgreSQL, with the vendors replaced by a recording fake (the unit of
 * this spec is the worker's bookkeeping; test/e2e/billing.spec.ts drives the real vendors): every step is
 * recorded as it succeeds, a technical failure is retried later from the step that failed (the steps
 * before it are not called again, as after a restart), a refusal fails the invoice with an exception.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MetricsService } from '@app/platform';
import { startTestStack, type TestStack } from '@app/testing';
import { processApiApp } from '../../apps/process-api/src/app.definition';
import { SystemApiBusinessError, SystemApiTechnicalError } from '../../apps/process-api/src/common/system-apis';
import { ExceptionsService } from '../../apps/process-api/src/exceptions';
import type { BillingVendors, VendorRecord } from '../../apps/process-api/src/billing/billing-ports';
import { BillingRunWorker } from '../../apps/process-api/src/billing/runs/billing-run.worker';
import {
  BillingInvoiceEntity,
  BillingInvoiceLineEntity,
  BillingRunEntity,
  InvoiceSteps,
} from '../../apps/process-api/src/billing/entities';

class FakeVendors implements BillingVendors {
  readonly calls: string[] = [];
  failures = new Map<string, Error[]>();
  private answer(step: string, id: string): Promise<VendorRecord> {
    this.calls.push(step);
    const queue = this.failures.get(step);
    const failure = queue?.shift();
    return failure ? Promise.reject(failure) : Promise.resolve({ id });
  }
  ensureBillingCustomer(c: { id: string }) {
    return this.answer('billing-customer', c.id);
  }
  createBillingInvoice(i: Record<string, unknown>) {
    return this.answer('billing-create', String(i.id));
  }
  finalizeBillingInvoice(id: string) {
    return this.answer('billing-finalize', id);
  }
  sendBillingInvoice(id: string) {
    return this.answer('billing-send', id);
  }
  createErpInvoice(i: Record<string, unknown>) {
    return this.answer('erp-create', String(i.id));
  }
  postErpInvoice(id: string) {
    return this.answer('erp-post', id);
  }
  markPsaInvoiced(i: Record<string, unknown>) {
    return this.answer('psa-invoice', String(i.id));
  }
  putCrmInvoice(id: string) {
    return this.answer('crm-invoice', id);
  }
}

describe('billing run worker: steps recorded, technical failures retried from where they stopped', () => {
  let stack: TestStack;
  let db: DataSource;
  let vendors: FakeVendors;
  let worker: BillingRunWorker;

  beforeAll(async () => {
    // The app's own worker is off (it would call the real system APIs): this spec drives one by hand.
    stack = await startTestStack({
      definitions: [processApiApp],
      env: { PROVISIONING_WORKFLOW: 'off', BILLING_RUN_WORKER: 'false' },
    });
    const app = stack.get('process-api').app!;
    db = app.get(DataSource);
    vendors = new FakeVendors();
    worker = new BillingRunWorker(
      db,
      vendors,
      app.get(ExceptionsService),
      { workerEnabled: false, pollIntervalMs: 1000, leaseMs: 30_000, retryMs: 10, concurrency: 2 },
      app.get(MetricsService),
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function seedRun(): Promise<{ runId: string; invoiceId: string }> {
    const now = new Date();
    const runId = randomUUID();
    const invoiceId = `inv-${randomUUID().replace(/-/g, '')}`;
    await db.getRepository(BillingRunEntity).insert({
      id: runId,
      status: 'running',
      periodFrom: '2025-06-01',
      periodTo: '2025-06-30',
      legalEntity: 'DE-01',
      customers: null,
      projects: null,
      dryRun: false,
      preview: { invoices: [], held: [], counts: {} },
      startedBy: 'a',
      approvedBy: 'b',
      approvedAt: now,
      invoicesTotal: 1,
      invoicesDone: 0,
      invoicesFailed: 0,
      errors: [],
      leaseUntil: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    await db.getRepository(BillingInvoiceEntity).insert({
      id: invoiceId,
      runId,
      customerId: 'ACC-1',
      projectId: 'PRJ-1',
      contractId: 'CTR-1',
      legalEntity: 'DE-01',
      currency: 'EUR',
      customerCountry: null,
      periodFrom: '2025-06-01',
      periodTo: '2025-06-30',
      issueDate: '2025-07-01',
      dueDate: '2025-07-31',
      subtotalMinor: 1000n,
      taxMinor: 190n,
      totalMinor: 1190n,
      status: 'pending',
      steps: [],
      billingInvoiceId: null,
      erpInvoiceId: null,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await db.getRepository(BillingInvoiceLineEntity).insert({
      id: `${invoiceId}-1`,
      invoiceId,
      sequence: 1,
      kind: 'fixed-fee',
      description: 'instalment',
      role: null,
      minutes: null,
      rateMinor: null,
      amountMinor: 1000n,
      taxRateBasisPoints: 1900,
      taxMinor: 190n,
      contractId: 'CTR-1',
      rateCardId: null,
      rateCardVersion: null,
      amendmentId: null,
    });
    return { runId, invoiceId };
  }

  const tickUntil = async (runId: string) => {
    for (let i = 0; i < 50; i++) {
      await worker.tick(new Date(Date.now() + i * 1000)); // each pass later than the last retry pause
      const run = await db.getRepository(BillingRunEntity).findOneByOrFail({ id: runId });
      if (run.status !== 'running') return run;
    }
    throw new Error('the run did not finish');
  };

  it('an ERP outage during posting: the billing side stays done, posting resumes, nothing is called twice', async () => {
    vendors.calls.length = 0;
    const outage = () => new SystemApiTechnicalError('erp', 'POST /system/erp/v1/invoices', 503, undefined, 'down');
    vendors.failures.set('erp-create', [outage(), outage()]);
    const { runId, invoiceId } = await seedRun();
    const run = await tickUntil(runId);
    expect(run).toMatchObject({ status: 'completed', invoicesDone: 1, invoicesFailed: 0, errors: [] });
    const invoice = await db.getRepository(BillingInvoiceEntity).findOneByOrFail({ id: invoiceId });
    expect(invoice.steps.map((s) => s.step)).toEqual([...InvoiceSteps]);
    expect(invoice).toMatchObject({ status: 'done', attempts: 2, lastError: null });
    // Each step before the outage once; the ERP create three times (two failures, then it came back).
    expect(vendors.calls.filter((c) => c === 'billing-create')).toHaveLength(1);
    expect(vendors.calls.filter((c) => c === 'billing-send')).toHaveLength(1);
    expect(vendors.calls.filter((c) => c === 'erp-create')).toHaveLength(3);
    expect(vendors.calls.filter((c) => c === 'erp-post')).toHaveLength(1);
  });

  it('a refusal fails the invoice with a business exception and a run error; the steps done stay recorded', async () => {
    vendors.calls.length = 0;
    vendors.failures.set('billing-finalize', [
      new SystemApiBusinessError('billing', 'POST /system/billing/v1/invoices/x/finalize', 422, undefined, 'refused'),
    ]);
    const { runId, invoiceId } = await seedRun();
    const run = await tickUntil(runId);
    expect(run.status).toBe('completed-with-errors');
    expect(run.errors).toEqual([expect.objectContaining({ invoiceId, step: 'billing-finalize' })]);
    const invoice = await db.getRepository(BillingInvoiceEntity).findOneByOrFail({ id: invoiceId });
    expect(invoice.status).toBe('failed');
    expect(invoice.steps.map((s) => s.step)).toEqual(['billing-customer', 'billing-create']);
    const exceptions = await stack
      .get('process-api')
      .app!.get(ExceptionsService)
      .list({ kind: 'billing-invoice-failed', businessKey: `invoice/${invoiceId}` }, { limit: 10, offset: 0 });
    expect(JSON.stringify(exceptions)).toContain('billing-finalize refused');
  });
});
