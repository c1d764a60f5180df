import { money, type InvoiceDto } from '@app/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { FEEDBACK_TARGETS, type FeedbackTargets } from './feedback-targets';
import { InvoiceFeedbackEntity } from './invoice-feedback.entity';
import { advance, FeedbackState, FeedbackStatus, ImpliedStatus, observe, sameState } from './invoice-status';

export type FeedbackOutcome = 'not-billed-by-us' | 'draft' | 'unchanged' | FeedbackStatus;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Brings the CRM's invoice record and the PSA's invoice to the invoice's payment state: paid in full,
 * partially paid with the amount remaining, overdue, voided. The state comes from the billing
 * platform as it is now (read through system-billing), lifted by what the event itself says (an ERP
 * payment, a failed attempt, a void), and never moves backwards from what was last applied.
 */
@Injectable()
export class InvoiceFeedbackService {
  private readonly log = new Logger(InvoiceFeedbackService.name);

  constructor(
    @Inject(FEEDBACK_TARGETS) private readonly targets: FeedbackTargets,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Applies what is known now about one invoice, inside `manager`'s transaction (the consumer's, so a
   * failed vendor write rolls the state back and the event is retried). An invoice system-billing
   * does not know was not billed by this firm's process layer: logged and skipped.
   */
  async apply(
    invoiceId: string,
    cause: string,
    manager: EntityManager,
    implied?: ImpliedStatus,
    paidAt?: string,
  ): Promise<FeedbackOutcome> {
    const invoice = await this.targets.billingInvoice(invoiceId);
    if (!invoice) {
      this.log.warn(
        { invoiceId, cause },
        'invoice event about an invoice system-billing did not create (not billed by us): skipped',
      );
      return 'not-billed-by-us';
    }
    if (invoice.status === 'draft' && implied === undefined) return 'draft';
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`process:invoice-feedback:${invoiceId}`]);
    const repo = manager.getRepository(InvoiceFeedbackEntity);
    const row = await repo.findOne({ where: { invoiceId } });
    const previous: FeedbackState | undefined = row
      ? {
          status: row.status as FeedbackStatus,
          totalMinor: row.totalMinor,
          amountPaidMinor: row.amountPaidMinor,
          paidDate: row.paidDate ?? undefined,
        }
      : undefined;
    const next = advance(
      previous,
      observe({
        billingStatus: invoice.status,
        totalMinor: invoice.total.amountMinor,
        amountPaidMinor: invoice.amountPaid.amountMinor,
        dueDate: invoice.dueDate,
        paidDate: paidAt?.slice(0, 10),
        implied,
        today: today(),
      }),
    );
    if (previous && sameState(previous, next)) return 'unchanged';

    const psaOutcome = await this.write(invoice, next);
    await repo.save({
      invoiceId,
      customerId: invoice.customerId,
      projectId: invoice.projectId ?? null,
      contractId: invoice.contractId ?? null,
      number: invoice.number ?? null,
      currency: invoice.currency,
      totalMinor: next.totalMinor,
      amountPaidMinor: next.amountPaidMinor,
      status: next.status,
      issueDate: invoice.issueDate ?? null,
      dueDate: invoice.dueDate ?? null,
      paidDate: next.paidDate ?? null,
      psaOutcome,
      lastCause: cause,
      updatedAt: new Date(),
    });
    this.log.log({ invoiceId, status: next.status, cause, psaOutcome }, 'invoice status fed back to CRM and PSA');
    return next.status;
  }

  /**
   * Open or partially paid invoices whose due date has passed become overdue (each in its own
   * transaction; one that fails is logged and left for the next sweep).
   */
  async sweepOverdue(): Promise<{ checked: number; overdue: number }> {
    const due = await this.dataSource.getRepository(InvoiceFeedbackEntity).find({
      where: { status: In(['open', 'partially_paid']), dueDate: LessThan(today()) },
      order: { dueDate: 'ASC' },
      take: 1000,
    });
    let overdue = 0;
    for (const row of due) {
      try {
        const outcome = await this.dataSource.transaction((m) => this.apply(row.invoiceId, 'overdue-sweep', m));
        if (outcome === 'overdue') overdue++;
      } catch (error) {
        this.log.warn({ err: error, invoiceId: row.invoiceId }, 'overdue sweep could not update the invoice');
      }
    }
    return { checked: due.length, overdue };
  }

  private async write(invoice: InvoiceDto, state: FeedbackState): Promise<string> {
    const currency = invoice.currency;
    const remaining = state.status === 'voided' ? 0 : Math.max(0, state.totalMinor - state.amountPaidMinor);
    const paid = state.status === 'voided' ? state.amountPaidMinor : state.totalMinor - remaining;
    await this.targets.putCrmInvoice(invoice.id, {
      customerId: invoice.customerId,
      contractId: invoice.contractId,
      projectId: invoice.projectId,
      number: invoice.number,
      status: state.status,
      currency,
      total: money(state.totalMinor, currency),
      amountPaid: money(paid, currency),
      amountRemaining: money(remaining, currency),
      invoiceDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      paidDate: state.status === 'paid' ? state.paidDate : undefined,
    });
    return this.targets.putPsaPaymentState(invoice.id, {
      status: state.status,
      amountRemaining: money(remaining, currency),
      ...(state.status === 'paid' && state.paidDate ? { paidDate: state.paidDate } : {}),
    });
  }
}
