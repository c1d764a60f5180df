import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { uuidv7 } from '@app/messaging';
import { CallerIdentity, ConflictProblem, NotFoundProblem, ProblemError, ValidationProblem } from '@app/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { ExceptionsService } from '../../exceptions';
import type { OwningTeam } from '../../exceptions/exceptions.constants';
import { BillingScheduleItemEntity } from '../../project-setup/billing-schedule.entity';
import { BILLING_APPROVER_SCOPE, BILLING_ITEM_HELD, type HoldReason } from '../billing.constants';
import {
  BillableItemEntity,
  BillingInvoiceEntity,
  BillingInvoiceLineEntity,
  BillingLineItemEntity,
  BillingRunEntity,
} from '../entities';
import { toSafeNumber } from '../money/money';
import { BillingEnricher, type Enrichment, type HeldItem, type RunScope } from './billing-enricher';
import { composeInvoices, type ComposedInvoice } from './invoice-composer';

export interface StartRun {
  period: { from: string; to: string };
  legalEntity: string;
  customers?: string[];
  projects?: string[];
  dryRun?: boolean;
}

/** What a preview shows (stored on the run as it was when shown). */
export interface RunPreview {
  invoices: Array<{
    id: string;
    customerId: string;
    projectId: string;
    contractId: string;
    currency: string;
    lines: Array<{
      sequence: number;
      kind: string;
      description: string;
      role: string | null;
      minutes: number | null;
      rateMinor: number | null;
      amountMinor: number;
      taxRateBasisPoints: number;
      taxMinor: number;
      itemIds: string[];
      sourceIds: string[];
    }>;
    subtotalMinor: number;
    taxMinor: number;
    totalMinor: number;
  }>;
  held: Array<{
    itemId: string;
    kind: string;
    sourceId: string;
    projectId: string;
    reason: HoldReason;
    detail: string;
  }>;
  counts: { invoices: number; lines: number; items: number; held: number; settled: number };
}

const OWNER: Record<HoldReason, OwningTeam> = {
  'inactive-worker': 'resource-management',
  'missing-rate': 'finance-operations',
  'project-on-billing-hold': 'pmo',
  'fixed-fee-cap-reached': 'finance-operations',
  'unknown-project': 'pmo',
  'currency-mismatch': 'finance-operations',
  'missing-tax-rate': 'finance-operations',
};

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * Billing runs: a preview of the invoices a period would produce, the four-eyes approval, and the commit of
 * every item's assignment to its invoice line before any vendor call (BillingRunWorker then drives the
 * vendors from what is committed, so a crash or rerun rebuilds the very same invoices).
 */
@Injectable()
export class BillingRunsService {
  private readonly log = new Logger(BillingRunsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enricher: BillingEnricher,
    private readonly exceptions: ExceptionsService,
  ) {}

  validate(input: StartRun): void {
    const errors: Array<{ field: string; message: string }> = [];
    if (!validDate(input.period.from))
      errors.push({ field: 'period.from', message: 'period.from must be a date (YYYY-MM-DD)' });
    if (!validDate(input.period.to))
      errors.push({ field: 'period.to', message: 'period.to must be a date (YYYY-MM-DD)' });
    if (errors.length === 0 && input.period.to < input.period.from) {
      errors.push({
        field: 'period.to',
        message: `period.to ${input.period.to} is before period.from ${input.period.from}`,
      });
    }
    if (errors.length === 0) {
      const days = (Date.parse(input.period.to) - Date.parse(input.period.from)) / DAY_MS;
      if (days > 366) errors.push({ field: 'period', message: 'a billing period spans at most 366 days' });
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
  }

  async start(input: StartRun, caller: CallerIdentity): Promise<BillingRunEntity> {
    this.validate(input);
    caller.assertSees(input.legalEntity, `Legal entity ${input.legalEntity}`);
    const scope: RunScope = {
      periodFrom: input.period.from,
      periodTo: input.period.to,
      legalEntity: input.legalEntity,
      customers: input.customers?.length ? [...new Set(input.customers)].sort() : null,
      projects: input.projects?.length ? [...new Set(input.projects)].sort() : null,
    };
    await this.materializeSchedule(scope);
    const candidates = await this.candidates(this.db.manager, scope);
    const enrichment = await this.enricher.enrich(this.db.manager, scope, candidates);
    const invoices = composeInvoices(enrichment.priced, scope.periodFrom, scope.periodTo);
    const now = new Date();
    const run = Object.assign(new BillingRunEntity(), {
      id: uuidv7(),
      status: input.dryRun ? 'preview' : 'awaiting-approval',
      periodFrom: scope.periodFrom,
      periodTo: scope.periodTo,
      legalEntity: scope.legalEntity,
      customers: scope.customers,
      projects: scope.projects,
      dryRun: Boolean(input.dryRun),
      preview: previewOf(invoices, enrichment),
      startedBy: caller.consumerId,
      approvedBy: null,
      approvedAt: null,
      invoicesTotal: invoices.length,
      invoicesDone: 0,
      invoicesFailed: 0,
      errors: [],
      leaseUntil: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    } satisfies BillingRunEntity);
    await this.db.getRepository(BillingRunEntity).insert(run);
    this.log.log(
      { runId: run.id, legalEntity: run.legalEntity, invoices: invoices.length, held: enrichment.held.length },
      'billing run previewed',
    );
    return run;
  }

  async get(id: string, caller: CallerIdentity): Promise<BillingRunEntity> {
    const run = await this.db.getRepository(BillingRunEntity).findOneBy({ id });
    if (!run) throw new NotFoundProblem(`No billing run ${id}`);
    caller.assertSees(run.legalEntity, `Billing run ${id}`);
    return run;
  }

  /** Runs newest first, of the entities the caller may see. */
  async list(
    filter: { legalEntity?: string; status?: string; limit: number; offset: number },
    caller: CallerIdentity,
  ): Promise<{ items: BillingRunEntity[]; total: number }> {
    const q = this.db.getRepository(BillingRunEntity).createQueryBuilder('r');
    const entities = caller.entityFilter();
    if (filter.legalEntity) {
      caller.assertSees(filter.legalEntity, `Legal entity ${filter.legalEntity}`);
      q.andWhere('r.legal_entity = :le', { le: filter.legalEntity });
    } else if (entities)
      q.andWhere('r.legal_entity in (:...entities)', { entities: entities.length ? entities : [''] });
    if (filter.status) q.andWhere('r.status = :status', { status: filter.status });
    const [items, total] = await q
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Invoices newest first, of the entities the caller may see. */
  async listInvoices(
    filter: { legalEntity?: string; runId?: string; projectId?: string; limit: number; offset: number },
    caller: CallerIdentity,
  ): Promise<{ items: BillingInvoiceEntity[]; total: number }> {
    const q = this.db.getRepository(BillingInvoiceEntity).createQueryBuilder('i');
    const entities = caller.entityFilter();
    if (filter.legalEntity) {
      caller.assertSees(filter.legalEntity, `Legal entity ${filter.legalEntity}`);
      q.andWhere('i.legal_entity = :le', { le: filter.legalEntity });
    } else if (entities)
      q.andWhere('i.legal_entity in (:...entities)', { entities: entities.length ? entities : [''] });
    if (filter.runId) q.andWhere('i.run_id = :runId', { runId: filter.runId });
    if (filter.projectId) q.andWhere('i.project_id = :projectId', { projectId: filter.projectId });
    const [items, total] = await q
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }

  async invoicesOf(runId: string): Promise<BillingInvoiceEntity[]> {
    return this.db
      .getRepository(BillingInvoiceEntity)
      .find({ where: { runId }, order: { projectId: 'ASC', id: 'ASC' } });
  }

  /**
   * Four-eyes approval: a consumer other than the one who started the run, holding `billing-approver`.
   * Bills exactly the items the preview showed that are still unbilled: their assignment to invoice lines,
   * the invoices and lines, the holds and the run's state are committed in one transaction, before any
   * vendor call.
   */
  async approve(id: string, caller: CallerIdentity): Promise<BillingRunEntity> {
    const run = await this.get(id, caller);
    if (!caller.scopes.includes('*') && !caller.scopes.includes(BILLING_APPROVER_SCOPE)) {
      throw new ProblemError({
        status: 403,
        type: 'billing-approver-required',
        title: 'Forbidden',
        detail: `Approving a billing run needs the ${BILLING_APPROVER_SCOPE} scope`,
      });
    }
    if (run.startedBy === caller.consumerId) {
      throw new ProblemError({
        status: 403,
        type: 'four-eyes-required',
        title: 'Forbidden',
        detail: `Billing run ${id} was started by this consumer; another person must approve it (four-eyes)`,
        extra: { startedBy: run.startedBy },
      });
    }
    if (run.status !== 'awaiting-approval') {
      throw new ConflictProblem(
        run.status === 'preview'
          ? `Billing run ${id} is a dry run: start a run without dryRun to bill`
          : `Billing run ${id} is ${run.status}, not awaiting approval`,
        { status: run.status },
      );
    }
    const scope: RunScope = {
      periodFrom: run.periodFrom,
      periodTo: run.periodTo,
      legalEntity: run.legalEntity,
      customers: run.customers,
      projects: run.projects,
    };
    const preview = run.preview as RunPreview;
    const shown = [
      ...preview.invoices.flatMap((i) => i.lines.flatMap((l) => l.itemIds)),
      ...preview.held.map((h) => h.itemId),
    ];
    const items = shown.length
      ? await this.db.getRepository(BillableItemEntity).find({ where: { id: In(shown), status: In(['open', 'held']) } })
      : [];
    const enrichment = await this.enricher.enrich(this.db.manager, scope, items);

    const approved = await this.db.transaction(async (manager) => {
      const locked = await manager
        .getRepository(BillingRunEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status !== 'awaiting-approval') {
        throw new ConflictProblem(`Billing run ${id} is ${locked?.status ?? 'gone'}, not awaiting approval`);
      }
      // Items still unbilled now, locked: a concurrent run or a correction waits for this commit.
      const ids = items.map((i) => i.id);
      const still = new Set(
        ids.length
          ? (
              await manager.getRepository(BillableItemEntity).find({
                where: { id: In(ids), status: In(['open', 'held']) },
                lock: { mode: 'pessimistic_write' },
              })
            ).map((i) => i.id)
          : [],
      );
      const priced = enrichment.priced.filter((p) => still.has(p.itemId));
      const invoices = composeInvoices(priced, run.periodFrom, run.periodTo);
      const now = new Date();
      await this.commitInvoices(manager, run, invoices, now);
      for (const s of enrichment.settled.filter((x) => still.has(x.item.id))) {
        await manager.getRepository(BillableItemEntity).update({ id: s.item.id }, { status: s.status, updatedAt: now });
      }
      const held = enrichment.held.filter((h) => still.has(h.item.id));
      for (const h of held) {
        await manager
          .getRepository(BillableItemEntity)
          .update({ id: h.item.id }, { status: 'held', holdReason: h.reason, holdDetail: h.detail, updatedAt: now });
      }
      await this.raiseHolds(manager, run, held);
      locked.status = invoices.length > 0 ? 'running' : 'completed';
      locked.approvedBy = caller.consumerId;
      locked.approvedAt = now;
      locked.invoicesTotal = invoices.length;
      locked.updatedAt = now;
      locked.finishedAt = invoices.length > 0 ? null : now;
      await manager.getRepository(BillingRunEntity).save(locked);
      return locked;
    });
    this.log.log(
      { runId: id, approvedBy: caller.consumerName, invoices: approved.invoicesTotal },
      'billing run approved: assignments committed',
    );
    return approved;
  }

  private async commitInvoices(
    manager: EntityManager,
    run: BillingRunEntity,
    invoices: ComposedInvoice[],
    now: Date,
  ): Promise<void> {
    const issueDate = now.toISOString().slice(0, 10);
    const dueDate = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
    for (const invoice of invoices) {
      await manager.getRepository(BillingInvoiceEntity).insert({
        id: invoice.id,
        runId: run.id,
        customerId: invoice.customerId,
        projectId: invoice.projectId,
        contractId: invoice.contractId,
        legalEntity: run.legalEntity,
        currency: invoice.currency,
        customerCountry: null,
        periodFrom: invoice.periodFrom,
        periodTo: invoice.periodTo,
        issueDate,
        dueDate,
        subtotalMinor: invoice.subtotalMinor,
        taxMinor: invoice.taxMinor,
        totalMinor: invoice.totalMinor,
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
      for (const line of invoice.lines) {
        await manager.getRepository(BillingInvoiceLineEntity).insert({
          id: line.id,
          invoiceId: invoice.id,
          sequence: line.sequence,
          kind: line.kind,
          description: line.description,
          role: line.role,
          minutes: line.minutes,
          rateMinor: line.rateMinor,
          amountMinor: line.amountMinor,
          taxRateBasisPoints: line.taxRateBasisPoints,
          taxMinor: line.taxMinor,
          contractId: line.contractId,
          rateCardId: line.rateCardId,
          rateCardVersion: line.rateCardVersion,
          amendmentId: line.amendmentId,
        });
        // The item is the primary key: an item assigned twice fails the whole commit (never billed twice).
        await manager.getRepository(BillingLineItemEntity).insert(
          line.shares.map((s) => ({
            itemId: s.item.itemId,
            lineId: line.id,
            invoiceId: invoice.id,
            exactShare: s.exactShare,
            allocatedMinor: s.allocatedMinor,
            allocatedTaxMinor: s.allocatedTaxMinor,
            rateMinor: s.item.rateMinor,
            psaRateMinor: s.item.psaRateMinor,
          })),
        );
        await manager
          .getRepository(BillableItemEntity)
          .update({ id: In(line.shares.map((s) => s.item.itemId)) }, { status: 'assigned', updatedAt: now });
      }
    }
  }

  /** One open exception per project and reason (raised again: reasons replaced, occurrences + 1). */
  private async raiseHolds(manager: EntityManager, run: BillingRunEntity, held: HeldItem[]): Promise<void> {
    const groups = new Map<string, HeldItem[]>();
    for (const h of held) {
      const key = `${h.item.projectId}\u0000${h.reason}`;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    }
    for (const group of groups.values()) {
      const { item, reason, legalEntity } = group[0];
      const currencies = new Set(group.map((g) => g.currency));
      const known = group.every((g) => g.amountMinor !== null) && currencies.size === 1;
      const total = known ? group.reduce((s, g) => s + (g.amountMinor ?? 0n), 0n) : null;
      await this.exceptions.raise(
        {
          kind: BILLING_ITEM_HELD,
          owningTeam: OWNER[reason],
          businessKey: `billing/${item.projectId}/${reason}`,
          legalEntity,
          moneyAtStake:
            total !== null && total > 0n ? { amountMinor: toSafeNumber(total), currency: group[0].currency! } : null,
          reasons: group.slice(0, 50).map((g) => `${g.item.kind} ${g.item.sourceId} (${g.item.workDate}): ${g.detail}`),
          details: {
            projectId: item.projectId,
            reason,
            runId: run.id,
            period: { from: run.periodFrom, to: run.periodTo },
            items: group.length,
          },
          source: 'billing',
        },
        manager,
      );
    }
  }

  /**
   * Fixed-fee instalments and retainer drawdowns of the entity due in the period become billable items
   * (once: the schedule item is the source, version 1). Milestones are billed when completed in the PSA.
   */
  private async materializeSchedule(scope: RunScope): Promise<void> {
    const due = await this.db
      .getRepository(BillingScheduleItemEntity)
      .createQueryBuilder('s')
      .where('s.legal_entity = :le', { le: scope.legalEntity })
      .andWhere('s.due_date between :from and :to', { from: scope.periodFrom, to: scope.periodTo })
      .andWhere(`s.kind in ('instalment', 'retainer-drawdown')`)
      .getMany();
    if (due.length === 0) return;
    const now = new Date();
    await this.db
      .createQueryBuilder()
      .insert()
      .into(BillableItemEntity)
      .values(
        due.map((s) => ({
          id: uuidv7(),
          kind: s.kind === 'instalment' ? ('fixed-fee' as const) : ('retainer' as const),
          sourceId: s.id,
          version: 1,
          change: 'original' as const,
          reversesItemId: null,
          sourceEventId: `schedule:${s.id}`,
          projectId: s.projectId,
          workerId: null,
          role: null,
          workDate: s.dueDate,
          minutes: null,
          amountMinor: BigInt(s.amountMinor),
          currency: s.currency,
          billable: true,
          description: s.description,
          contractId: null,
          approvedBy: null,
          approvedAt: null,
          status: 'open' as const,
          holdReason: null,
          holdDetail: null,
          receivedAt: now,
          updatedAt: now,
        })),
      )
      .orIgnore()
      .execute();
  }

  /** Unbilled items of the period (and reversals of billed items from before it). */
  private candidates(manager: EntityManager, scope: RunScope): Promise<BillableItemEntity[]> {
    const q = manager
      .getRepository(BillableItemEntity)
      .createQueryBuilder('i')
      .where(`i.status in ('open', 'held')`)
      .andWhere('i.work_date <= :to', { to: scope.periodTo })
      .andWhere(`(i.work_date >= :from or i.change = 'reversal')`, { from: scope.periodFrom });
    if (scope.projects) q.andWhere('i.project_id in (:...projects)', { projects: scope.projects });
    return q.orderBy('i.work_date').addOrderBy('i.id').getMany();
  }
}

function previewOf(invoices: ComposedInvoice[], enrichment: Enrichment): RunPreview {
  const n = (v: bigint | null) => (v === null ? null : toSafeNumber(v));
  return {
    invoices: invoices.map((i) => ({
      id: i.id,
      customerId: i.customerId,
      projectId: i.projectId,
      contractId: i.contractId,
      currency: i.currency,
      lines: i.lines.map((l) => ({
        sequence: l.sequence,
        kind: l.kind,
        description: l.description,
        role: l.role,
        minutes: l.minutes,
        rateMinor: n(l.rateMinor),
        amountMinor: toSafeNumber(l.amountMinor),
        taxRateBasisPoints: l.taxRateBasisPoints,
        taxMinor: toSafeNumber(l.taxMinor),
        itemIds: l.shares.map((s) => s.item.itemId),
        sourceIds: l.shares.map((s) => s.item.sourceId),
      })),
      subtotalMinor: toSafeNumber(i.subtotalMinor),
      taxMinor: toSafeNumber(i.taxMinor),
      totalMinor: toSafeNumber(i.totalMinor),
    })),
    held: enrichment.held.map((h) => ({
      itemId: h.item.id,
      kind: h.item.kind,
      sourceId: h.item.sourceId,
      projectId: h.item.projectId,
      reason: h.reason,
      detail: h.detail,
    })),
    counts: {
      invoices: invoices.length,
      lines: invoices.reduce((s, i) => s + i.lines.length, 0),
      items: invoices.reduce((s, i) => s + i.lines.reduce((t, l) => t + l.shares.length, 0), 0),
      held: enrichment.held.length,
      settled: enrichment.settled.length,
    },
  };
}
