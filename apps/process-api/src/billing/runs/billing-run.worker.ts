import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { MetricsService, PollingLoop } from '@app/platform';
import { DataSource, In } from 'typeorm';
import { SystemApiError } from '../../common/system-apis';
import { ExceptionsService } from '../../exceptions';
import { billingConfig } from '../billing.config';
import { BILLING_INVOICE_FAILED } from '../billing.constants';
import { BILLING_VENDORS, type BillingVendors } from '../billing-ports';
import {
  BillableItemEntity,
  BillingInvoiceEntity,
  BillingInvoiceLineEntity,
  BillingLineItemEntity,
  BillingRunEntity,
  InvoiceSteps,
  type InvoiceStep,
} from '../entities';
import { toSafeNumber } from '../money/money';

/**
 * Drives approved runs to the vendors from what the approval committed: per invoice the billing customer
 * (looked up, else created from the CRM account), system-billing create
 * (canonical invoice id), finalize, send, then system-erp create and post, each step recorded on the
 * invoice as it succeeds. A technical failure (5xx, timeout, 429) is retried after a growing pause; a
 * refusal (4xx) fails the invoice with a business exception; a restart resumes from the first step not
 * recorded (runs are leased, so one replica drives a run at a time). Every create is safe to repeat: the
 * systems key it by the canonical id and look it up before creating again.
 */
@Injectable()
export class BillingRunWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(BillingRunWorker.name);
  private readonly loop: PollingLoop<number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BILLING_VENDORS) private readonly vendors: BillingVendors,
    private readonly exceptions: ExceptionsService,
    @Inject(billingConfig.KEY) private readonly config: ConfigType<typeof billingConfig>,
    metrics: MetricsService,
  ) {
    this.loop = new PollingLoop(
      {
        name: 'billing runs',
        metricPrefix: 'billing_runs',
        intervalMs: config.pollIntervalMs,
        poll: () => this.tick(),
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass: lease a running run, send its due invoices, settle the run. Returns the invoices touched. */
  async tick(now = new Date()): Promise<number> {
    const answer: unknown[] = await this.db.query(
      `update process.billing_runs set lease_until = $2
        where id = (select id from process.billing_runs
                     where status = 'running' and (lease_until is null or lease_until < $1)
                     order by created_at limit 1 for update skip locked)
        returning id`,
      [now, new Date(now.getTime() + this.config.leaseMs)],
    );
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const leased = (Array.isArray(answer[0]) ? answer[0] : answer) as Array<{ id: string }>;
    if (leased.length === 0) return 0;
    const runId = leased[0].id;
    try {
      const due = await this.db
        .getRepository(BillingInvoiceEntity)
        .createQueryBuilder('i')
        .where('i.run_id = :runId', { runId })
        .andWhere(`i.status = 'pending'`)
        .andWhere('(i.next_attempt_at is null or i.next_attempt_at <= :now)', { now })
        .orderBy('i.id')
        .getMany();
      let next = 0;
      const workers = Array.from({ length: Math.min(this.config.concurrency, due.length) }, async () => {
        while (next < due.length) await this.process(due[next++]);
      });
      await Promise.all(workers);
      await this.settle(runId);
      return due.length;
    } finally {
      await this.db.query(`update process.billing_runs set lease_until = null where id = $1`, [runId]);
    }
  }

  private async process(invoice: BillingInvoiceEntity): Promise<void> {
    const done = new Set(invoice.steps.map((s) => s.step));
    for (const step of InvoiceSteps) {
      if (done.has(step)) continue;
      try {
        const vendorId = await this.perform(step, invoice);
        invoice.steps = [...invoice.steps, { step, at: new Date().toISOString(), vendorId }];
        if (step === 'billing-create') invoice.billingInvoiceId = vendorId ?? null;
        if (step === 'erp-create') invoice.erpInvoiceId = vendorId ?? null;
        invoice.lastError = null;
        invoice.updatedAt = new Date();
        await this.db.getRepository(BillingInvoiceEntity).save(invoice);
      } catch (err) {
        await this.failed(invoice, step, err);
        return;
      }
    }
    invoice.status = 'done';
    invoice.updatedAt = new Date();
    await this.db.getRepository(BillingInvoiceEntity).save(invoice);
  }

  private async perform(step: InvoiceStep, invoice: BillingInvoiceEntity): Promise<string | undefined> {
    switch (step) {
      case 'billing-customer':
        return (
          await this.vendors.ensureBillingCustomer({
            id: invoice.customerId,
            legalEntityId: invoice.legalEntity,
            currency: invoice.currency,
          })
        ).id;
      case 'billing-create':
        return (await this.vendors.createBillingInvoice(await this.canonicalInvoice(invoice))).id;
      case 'billing-finalize':
        return (await this.vendors.finalizeBillingInvoice(invoice.id)).id;
      case 'billing-send':
        return (await this.vendors.sendBillingInvoice(invoice.id)).id;
      case 'erp-create':
        return (await this.vendors.createErpInvoice(await this.erpInvoice(invoice))).id;
      case 'erp-post':
        return (await this.vendors.postErpInvoice(invoice.id)).id;
      case 'psa-invoice': {
        const body = await this.psaInvoice(invoice);
        return body ? (await this.vendors.markPsaInvoiced(body)).id : undefined;
      }
      case 'crm-invoice':
        return (await this.vendors.putCrmInvoice(invoice.id, this.crmInvoice(invoice))).id;
    }
  }

  private async failed(invoice: BillingInvoiceEntity, step: InvoiceStep, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const technical = !(err instanceof SystemApiError) || err.technical;
    const now = new Date();
    invoice.attempts += 1;
    invoice.lastError = `${step}: ${message}`;
    invoice.updatedAt = now;
    if (technical) {
      const pause = this.config.retryMs * 2 ** Math.min(invoice.attempts - 1, 5);
      invoice.nextAttemptAt = new Date(now.getTime() + pause);
      this.log.warn(
        { invoiceId: invoice.id, step, attempt: invoice.attempts, err: message },
        'invoice step failed; retried later',
      );
      await this.db.getRepository(BillingInvoiceEntity).save(invoice);
      return;
    }
    invoice.status = 'failed';
    await this.db.transaction(async (manager) => {
      await manager.getRepository(BillingInvoiceEntity).save(invoice);
      await manager.query(
        `update process.billing_runs set errors = errors || $2::jsonb, updated_at = now() where id = $1`,
        [invoice.runId, JSON.stringify([{ invoiceId: invoice.id, step, message, at: now.toISOString() }])],
      );
      await this.exceptions.raise(
        {
          kind: BILLING_INVOICE_FAILED,
          owningTeam: 'finance-operations',
          businessKey: `invoice/${invoice.id}`,
          legalEntity: invoice.legalEntity,
          moneyAtStake: { amountMinor: toSafeNumber(invoice.totalMinor), currency: invoice.currency },
          reasons: [`${step} refused: ${message}`],
          details: { invoiceId: invoice.id, runId: invoice.runId, step, stepsDone: invoice.steps.map((s) => s.step) },
          source: 'billing',
        },
        manager,
      );
    });
    this.log.error({ invoiceId: invoice.id, step, err: message }, 'invoice step refused; business exception raised');
  }

  private async settle(runId: string): Promise<void> {
    const counts: Array<{ status: string; n: number }> = await this.db.query(
      `select status, count(*)::int as n from process.billing_invoices where run_id = $1 group by status`,
      [runId],
    );
    const by = Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number>;
    const pending = by.pending ?? 0;
    const failed = by.failed ?? 0;
    await this.db.getRepository(BillingRunEntity).update(
      { id: runId },
      {
        invoicesDone: by.done ?? 0,
        invoicesFailed: failed,
        updatedAt: new Date(),
        ...(pending === 0
          ? { status: failed > 0 ? 'completed-with-errors' : 'completed', finishedAt: new Date() }
          : {}),
      },
    );
  }

  /** The canonical Invoice system-billing takes: lines with their sources, tax as one explicit amount. */
  async canonicalInvoice(invoice: BillingInvoiceEntity): Promise<Record<string, unknown>> {
    const lines = await this.linesOf(invoice.id);
    const m = (v: bigint) => ({ amountMinor: toSafeNumber(v), currency: invoice.currency });
    return {
      id: invoice.id,
      crossReferences: {},
      customerId: invoice.customerId,
      legalEntityId: invoice.legalEntity,
      contractId: invoice.contractId,
      projectId: invoice.projectId,
      status: 'draft',
      currency: invoice.currency,
      periodStart: invoice.periodFrom,
      periodEnd: invoice.periodTo,
      dueDate: invoice.dueDate,
      lines: lines.map(({ line, sources }) => ({
        id: line.id,
        kind: line.kind,
        description: line.description,
        contractId: line.contractId,
        ...sourcesOf(line, sources),
        ...(line.minutes !== null && line.kind === 'time'
          ? { role: line.role, quantityMinutes: line.minutes, unitPrice: m(line.rateMinor!) }
          : {}),
        amount: m(line.amountMinor),
      })),
      subtotal: m(invoice.subtotalMinor),
      tax: m(invoice.taxMinor),
      total: m(invoice.totalMinor),
      amountPaid: m(0n),
      amountDue: m(invoice.totalMinor),
    };
  }

  /**
   * The ERP invoice: the same lines and amounts (the ERP keeps amounts as sent); lines that bill no time go
   * as one unit (60 minutes) at their amount under the item the ERP maps for their kind.
   */
  async erpInvoice(invoice: BillingInvoiceEntity): Promise<Record<string, unknown>> {
    const lines = await this.linesOf(invoice.id);
    const m = (v: bigint) => ({ amountMinor: toSafeNumber(v), currency: invoice.currency });
    return {
      id: invoice.id,
      customerId: invoice.customerId,
      projectId: invoice.projectId,
      contractId: invoice.contractId,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      lines: lines.map(({ line, sources }) => ({
        lineId: line.id,
        kind: line.kind,
        description: line.description,
        role: line.role ?? line.kind,
        quantityMinutes: line.kind === 'time' ? line.minutes : 60,
        unitPrice: m(line.kind === 'time' ? line.rateMinor! : line.amountMinor),
        amount: m(line.amountMinor),
        ...sourcesOf(line, sources),
      })),
    };
  }

  /** The PSA invoice marking the billed time entries, expenses and milestones (null: nothing of the PSA's). */
  async psaInvoice(invoice: BillingInvoiceEntity): Promise<Record<string, unknown> | null> {
    const sources = (await this.linesOf(invoice.id)).flatMap((l) => l.sources).filter((s) => s.change !== 'reversal');
    const ids = (kind: string) => [...new Set(sources.filter((s) => s.kind === kind).map((s) => s.sourceId))].sort();
    const body = {
      id: invoice.id,
      projectId: invoice.projectId,
      invoiceDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      timeEntryIds: ids('time'),
      expenseIds: ids('expense'),
      milestoneIds: ids('milestone'),
    };
    return body.timeEntryIds.length + body.expenseIds.length + body.milestoneIds.length > 0 ? body : null;
  }

  /** The CRM's record of the invoice as sent: open, nothing paid yet (payments arrive as invoice.* feedback). */
  crmInvoice(invoice: BillingInvoiceEntity): Record<string, unknown> {
    const m = (v: bigint) => ({ amountMinor: toSafeNumber(v), currency: invoice.currency });
    return {
      customerId: invoice.customerId,
      contractId: invoice.contractId,
      projectId: invoice.projectId,
      status: 'open',
      currency: invoice.currency,
      total: m(invoice.totalMinor),
      amountPaid: m(0n),
      amountRemaining: m(invoice.totalMinor),
      invoiceDate: invoice.issueDate,
      dueDate: invoice.dueDate,
    };
  }

  private async linesOf(
    invoiceId: string,
  ): Promise<Array<{ line: BillingInvoiceLineEntity; sources: BillableItemEntity[] }>> {
    const lines = await this.db
      .getRepository(BillingInvoiceLineEntity)
      .find({ where: { invoiceId }, order: { sequence: 'ASC' } });
    const assignments = await this.db.getRepository(BillingLineItemEntity).find({ where: { invoiceId } });
    const items = assignments.length
      ? await this.db.getRepository(BillableItemEntity).find({ where: { id: In(assignments.map((a) => a.itemId)) } })
      : [];
    const itemById = new Map(items.map((i) => [i.id, i]));
    return lines.map((line) => ({
      line,
      sources: assignments
        .filter((a) => a.lineId === line.id)
        .map((a) => itemById.get(a.itemId)!)
        .sort((a, b) => a.workDate.localeCompare(b.workDate) || a.sourceId.localeCompare(b.sourceId)),
    }));
  }
}

function sourcesOf(line: BillingInvoiceLineEntity, sources: BillableItemEntity[]): Record<string, unknown> {
  const ids = [...new Set(sources.map((s) => s.sourceId))];
  switch (line.kind) {
    case 'time':
    case 'adjustment':
      return sources.every((s) => s.kind === 'time')
        ? { timeEntryIds: ids, ...(line.rateCardVersion ? { rateCardVersionId: line.rateCardVersion } : {}) }
        : {};
    case 'expense':
      return { expenseIds: ids };
    case 'milestone':
      return { milestoneId: ids[0] };
    default:
      return {};
  }
}
