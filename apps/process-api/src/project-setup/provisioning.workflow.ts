import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Histogram } from 'prom-client';
import { EventTypes } from '@app/contracts';
import { newEvent, OutboxService } from '@app/messaging';
import { MetricsService, PollingLoop } from '@app/platform';
import {
  SystemApiBusinessError,
  SystemApiTechnicalError,
  SystemBillingClient,
  SystemCrmClient,
  SystemErpClient,
  SystemPsaClient,
} from '../common/system-apis';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { BillingScheduleItemEntity } from './billing-schedule.entity';
import {
  AccountData,
  billingSchedule,
  deterministicId,
  LegalEntityData,
  normalizeName,
  OpportunityData,
  projectCodeFor,
  validateOpportunity,
} from './provisioning-rules';
import { ProvisioningEntity, ProvisioningStep, ProvisioningStepName } from './provisioning.entity';

export const EXCEPTION_INVALID = 'provisioning-invalid-opportunity';
export const EXCEPTION_DUPLICATE_CUSTOMER = 'provisioning-duplicate-customer';
export const EXCEPTION_FAILED = 'provisioning-failed';
const SOURCE = 'project-setup';

/** A step stops the run for a person to decide (an exception), not for a retry. */
class StopForException extends Error {
  constructor(
    readonly kind: string,
    readonly reasons: string[],
    readonly details: Record<string, unknown> = {},
  ) {
    super(reasons.join('; '));
  }
}

interface RunContext {
  row: ProvisioningEntity;
  opportunity: OpportunityData;
  account?: AccountData;
  entities: LegalEntityData[];
  projectId: string;
  projectCode: string;
  customerId: string;
  vendorIds: Record<string, string>;
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * The provisioning state machine: won deal -> validated -> ERP customer (found or created) -> ERP
 * project -> PSA workspace (code, budget, milestones) -> billing customer -> billing schedule (process
 * tables) -> project code written back to the CRM -> `project.provisioned` (outbox) -> provisioned.
 *
 * Persisted and crash-safe: a runner leases a provisioning (lease_until), records each finished step
 * on the row, and every step first looks its effect up by a deterministic reference (canonical ids
 * derived from the opportunity), so a run resumed after a crash or a lost lease creates nothing twice.
 * Technical failures (5xx, timeouts) are retried after PROVISIONING_RETRY_MS; invalid data or a likely
 * duplicate customer ends in `exception` with a business exception naming every reason.
 */
@Injectable()
export class ProvisioningWorkflow implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(ProvisioningWorkflow.name);
  private readonly loop: PollingLoop<number>;
  private readonly latency: Histogram<string>;
  private readonly leaseMs = envInt('PROVISIONING_LEASE_MS', 30_000);
  private readonly retryMs = envInt('PROVISIONING_RETRY_MS', 5_000);
  /**
   * Tests only: PROVISIONING_CRASH_AFTER=<step>[,<step>] or `*` stops the run right after that step is
   * recorded: the process exits (PROVISIONING_CRASH_MODE=exit, default: a real crash in processes mode) or
   * the run is abandoned with its lease held (`abandon`: an in-process stand-in). Either way the next run,
   * once the lease expires, must resume without creating anything twice.
   */
  private readonly crashAfter = new Set(
    (process.env.PROVISIONING_CRASH_AFTER ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  private readonly crashMode = process.env.PROVISIONING_CRASH_MODE === 'abandon' ? 'abandon' : 'exit';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly crm: SystemCrmClient,
    private readonly erp: SystemErpClient,
    private readonly psa: SystemPsaClient,
    private readonly billing: SystemBillingClient,
    private readonly exceptions: ExceptionsService,
    private readonly outbox: OutboxService,
    metrics: MetricsService,
  ) {
    this.loop = new PollingLoop(
      {
        name: 'Provisioning',
        metricPrefix: 'provisioning_runner',
        intervalMs: envInt('PROVISIONING_POLL_INTERVAL_MS', 250),
        poll: () => this.runDue(),
      },
      metrics,
    );
    this.latency = metrics.histogram(
      'provisioning_latency_seconds',
      'From the won deal received (opportunity.closed_won or POST) to provisioned in every system',
      ['legal_entity'],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    );
  }

  onApplicationBootstrap(): void {
    const requeue = async (e: { details: Record<string, unknown> }) => {
      const id = e.details.provisioningId;
      if (typeof id === 'string') await this.requeue(id);
    };
    for (const kind of [EXCEPTION_INVALID, EXCEPTION_DUPLICATE_CUSTOMER, EXCEPTION_FAILED])
      this.exceptions.registerRetryHandler(kind, requeue);
    if (process.env.PROVISIONING_WORKFLOW !== 'off') this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** After a fix: the provisioning runs again from its first unfinished step. */
  async requeue(id: string): Promise<void> {
    const row = await this.db.getRepository(ProvisioningEntity).findOneBy({ id });
    if (!row || row.status === 'provisioned') return;
    await this.db.getRepository(ProvisioningEntity).update(
      { id },
      {
        status: 'received',
        steps: (row.steps ?? []).filter((s) => s.status === 'done'),
        leaseUntil: null,
        lastError: null,
        updatedAt: new Date(),
      },
    );
  }

  /** Claims the due provisionings (unleased or lease expired) and runs them. */
  async runDue(): Promise<number> {
    const table = this.db.getMetadata(ProvisioningEntity).tablePath;
    const claimed = (await this.db.query(
      `UPDATE ${table} p SET lease_until = now() + ($1 || ' milliseconds')::interval, attempts = p.attempts + 1,
              status = 'in-progress', updated_at = now()
        WHERE p.id IN (SELECT id FROM ${table}
                        WHERE status IN ('received', 'in-progress') AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY received_at LIMIT 10 FOR UPDATE SKIP LOCKED)
        RETURNING p.id`,
      [String(this.leaseMs)],
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as Array<{ id: string }>;
    await Promise.all(rows.map((r) => this.run(r.id)));
    return rows.length;
  }

  private async run(id: string): Promise<void> {
    const repo = this.db.getRepository(ProvisioningEntity);
    const row = await repo.findOneByOrFail({ id });
    const done = new Set((row.steps ?? []).filter((s) => s.status === 'done').map((s) => s.name));
    let ctx: RunContext | undefined;
    let current: ProvisioningStepName = 'validate';
    let startedAt = new Date().toISOString();
    try {
      ctx = await this.load(row);
      const steps: Array<[ProvisioningStepName, () => Promise<Record<string, string> | void>]> = [
        ['validate', () => this.validate(ctx!)],
        ['erp-customer', () => this.erpCustomer(ctx!)],
        ['erp-project', () => this.erpProject(ctx!)],
        ['psa-workspace', () => this.psaWorkspace(ctx!)],
        ['billing-customer', () => this.billingCustomer(ctx!)],
        ['billing-schedule', () => this.billingScheduleStep(ctx!)],
        ['crm-write-back', () => this.crmWriteBack(ctx!)],
        ['publish', () => this.publish(ctx!, startedAt)],
      ];
      for (const [name, step] of steps) {
        if (done.has(name)) continue;
        current = name;
        startedAt = new Date().toISOString();
        const vendorIds = (await step()) ?? undefined;
        // the publish step records itself in the transaction that marks the provisioning provisioned
        if (name !== 'publish') {
          await this.record(row, { name, status: 'done', startedAt, finishedAt: new Date().toISOString(), vendorIds });
        }
        if (name !== 'publish' && (this.crashAfter.has(name) || this.crashAfter.has('*'))) {
          this.log.warn(`PROVISIONING_CRASH_AFTER=${name}: ${this.crashMode} (test)`);
          if (this.crashMode === 'exit') process.exit(86);
          return; // abandoned: the lease runs out, the next run resumes after this step
        }
      }
    } catch (err) {
      await this.fail(row, ctx, current, startedAt, err);
    }
  }

  /** The opportunity as the CRM holds it now (line items included), its account and the legal entities. */
  private async load(row: ProvisioningEntity): Promise<RunContext> {
    const fresh = (await this.crm.getOpportunity(row.opportunityId)) as unknown as OpportunityData | undefined;
    const opportunity: OpportunityData = { ...(row.opportunity as unknown as OpportunityData), ...(fresh ?? {}) };
    const account = opportunity.accountId
      ? ((await this.crm.getAccount(opportunity.accountId)) as unknown as AccountData | undefined)
      : undefined;
    const mappings = (await this.erp.client.call<{ legalEntities?: LegalEntityData[] }>('GET', '/mappings')) ?? {};
    const projectId = row.projectId ?? deterministicId('project', opportunity.id);
    const projectCode = row.projectCode ?? projectCodeFor(opportunity);
    const vendorIds: Record<string, string> = {};
    for (const s of row.steps ?? []) Object.assign(vendorIds, s.vendorIds ?? {});
    return {
      row,
      opportunity,
      account,
      entities: mappings.legalEntities ?? [],
      projectId,
      projectCode,
      customerId: vendorIds.erpCustomerId ?? opportunity.accountId ?? '',
      vendorIds,
    };
  }

  private async validate(ctx: RunContext): Promise<Record<string, string>> {
    const reasons = validateOpportunity(ctx.opportunity, ctx.account, ctx.entities);
    if (reasons.length) throw new StopForException(EXCEPTION_INVALID, reasons);
    await this.db
      .getRepository(ProvisioningEntity)
      .update({ id: ctx.row.id }, { projectId: ctx.projectId, projectCode: ctx.projectCode });
    return { projectId: ctx.projectId, projectCode: ctx.projectCode };
  }

  /** CRM cross-reference (the account's canonical id) first, then normalized name; a near match stops. */
  private async erpCustomer(ctx: RunContext): Promise<Record<string, string>> {
    const account = ctx.account!;
    const byRef = await this.erp.getCustomer(account.id);
    if (byRef) return this.customerIds(ctx, byRef.id, byRef, 'matched');
    const all = (await this.erp.listCustomers({})).items ?? [];
    const wanted = normalizeName(account.name ?? '');
    const sameName = all.filter((c) => normalizeName(String(c.name ?? '')) === wanted);
    if (sameName.length) {
      throw new StopForException(
        EXCEPTION_DUPLICATE_CUSTOMER,
        [
          `the ERP already has ${sameName.length} customer(s) named like "${account.name}" (${sameName
            .map((c) => `${c.id} in ${String(c.legalEntityId ?? '?')}`)
            .join(', ')}) without a cross-reference to CRM account ${account.id}: link or merge them, then retry`,
        ],
        { candidates: sameName.map((c) => c.id) },
      );
    }
    const created = await this.erp.createCustomer(
      {
        id: account.id,
        name: account.name,
        legalEntityId: ctx.opportunity.legalEntity,
        currency: this.currency(ctx),
      },
      `provisioning:${ctx.row.id}:erp-customer`,
    );
    return this.customerIds(ctx, created.id, created, 'created');
  }

  private customerIds(
    ctx: RunContext,
    id: string,
    customer: Record<string, unknown>,
    how: string,
  ): Record<string, string> {
    ctx.customerId = id;
    const refs = (customer.crossReferences ?? {}) as Record<string, string>;
    return { erpCustomerId: id, erpCustomer: how, ...prefixed('erpCustomer', refs) };
  }

  private async erpProject(ctx: RunContext): Promise<Record<string, string>> {
    const existing =
      (await this.erp.getProject(ctx.projectId)) ??
      (await this.erp.createProject(
        {
          id: ctx.projectId,
          customerId: ctx.customerId,
          name: `${ctx.projectCode} ${ctx.opportunity.name ?? ''}`.trim(),
          startDate: ctx.opportunity.startDate,
        },
        `provisioning:${ctx.row.id}:erp-project`,
      ));
    return {
      erpProjectId: existing.id,
      ...prefixed('erpProject', (existing.crossReferences ?? {}) as Record<string, string>),
    };
  }

  private async psaWorkspace(ctx: RunContext): Promise<Record<string, string>> {
    const o = ctx.opportunity;
    let project = await this.psa.getProject(ctx.projectId);
    if (!project) {
      const contractId = deterministicId('contract', o.id);
      project = await this.psa.createProject(
        {
          id: ctx.projectId,
          code: ctx.projectCode,
          name: o.name ?? ctx.projectCode,
          customerId: ctx.customerId,
          contractId,
          legalEntityId: o.legalEntity,
          billingModel: o.billingModel,
          status: 'active',
          currency: this.currency(ctx),
          startDate: o.startDate,
          endDate: o.endDate,
          ...(o.budget ? { budget: o.budget } : o.amount ? { budget: o.amount } : {}),
        },
        `provisioning:${ctx.row.id}:psa-workspace`,
      );
    }
    const milestones = (o.lineItems ?? []).filter((l) => l.kind === 'milestone');
    if (milestones.length) {
      const existing = new Set(((await this.psa.listMilestones(ctx.projectId)).items ?? []).map((m) => m.id));
      for (const [i, m] of milestones.entries()) {
        const id = deterministicId('milestone', o.id, String(i + 1));
        if (existing.has(id)) continue;
        await this.psa.createMilestone(
          ctx.projectId,
          { id, name: m.description ?? `Milestone ${i + 1}`, amount: m.totalPrice, dueDate: m.serviceDate },
          `provisioning:${ctx.row.id}:milestone:${i + 1}`,
        );
      }
    }
    return {
      psaProjectId: project.id,
      ...prefixed('psaProject', (project.crossReferences ?? {}) as Record<string, string>),
      ...(o.rateCardId ? { rateCardId: o.rateCardId } : {}),
    };
  }

  private async billingCustomer(ctx: RunContext): Promise<Record<string, string>> {
    const account = ctx.account!;
    const customer =
      (await this.billing.getCustomer(ctx.customerId)) ??
      (await this.billing.createCustomer(
        {
          id: ctx.customerId,
          name: account.name,
          legalEntityId: ctx.opportunity.legalEntity,
          currency: this.currency(ctx),
          paymentTermsDays: 30,
          status: 'active',
          crossReferences: {},
        },
        `provisioning:${ctx.row.id}:billing-customer`,
      ));
    return {
      billingCustomerId: customer.id,
      ...prefixed('billingCustomer', (customer.crossReferences ?? {}) as Record<string, string>),
    };
  }

  private async billingScheduleStep(ctx: RunContext): Promise<Record<string, string>> {
    const items = billingSchedule(ctx.opportunity);
    if (items.length) {
      await this.db
        .createQueryBuilder()
        .insert()
        .into(BillingScheduleItemEntity)
        .values(
          items.map((i) => ({
            id: deterministicId('schedule', ctx.projectId, String(i.sequence)),
            provisioningId: ctx.row.id,
            projectId: ctx.projectId,
            legalEntity: ctx.opportunity.legalEntity!,
            status: 'scheduled',
            ...i,
          })),
        )
        .orIgnore()
        .execute();
    }
    return { scheduleItems: String(items.length) };
  }

  private async crmWriteBack(ctx: RunContext): Promise<Record<string, string>> {
    await this.crm.writeBackOpportunity(ctx.opportunity.id, { projectCode: ctx.projectCode });
    return { crmOpportunityId: ctx.opportunity.id };
  }

  /**
   * provisioned, its `publish` step and `project.provisioned` in one transaction, once: a reader never
   * sees the provisioning provisioned without the step that made it so.
   */
  private async publish(ctx: RunContext, startedAt: string): Promise<void> {
    const o = ctx.opportunity;
    const now = new Date();
    const steps: ProvisioningStep[] = [
      ...(ctx.row.steps ?? []).filter((s) => s.name !== 'publish'),
      { name: 'publish', status: 'done', startedAt, finishedAt: now.toISOString() },
    ];
    await this.db.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(ProvisioningEntity)
        .set({ status: 'provisioned', steps, provisionedAt: now, updatedAt: now, leaseUntil: null, lastError: null })
        .where('id = :id AND status <> :done', { id: ctx.row.id, done: 'provisioned' })
        .execute();
      if (!updated.affected) return;
      ctx.row.steps = steps;
      const v = ctx.vendorIds;
      const project = {
        id: ctx.projectId,
        crossReferences: {
          ...(v.psaProject_kantata ? { kantata: v.psaProject_kantata } : {}),
          ...(v.erpProject_netsuite ? { netsuite: v.erpProject_netsuite } : {}),
          ...(v.erpProject_businessCentral ? { businessCentral: v.erpProject_businessCentral } : {}),
        },
        name: o.name ?? ctx.projectCode,
        code: ctx.projectCode,
        customerId: ctx.customerId,
        contractId: deterministicId('contract', o.id),
        legalEntityId: o.legalEntity!,
        billingModel: o.billingModel,
        status: 'active',
        currency: this.currency(ctx),
        startDate: o.startDate!,
        ...(o.endDate ? { endDate: o.endDate } : {}),
        ...(o.budget ? { budget: o.budget } : {}),
      };
      await this.outbox.stage(manager, [
        newEvent(
          EventTypes.ProjectProvisioned,
          `project/${ctx.projectId}`,
          { project, opportunityId: o.id, provisioningId: ctx.row.id } as never,
          { source: 'process-api', version: 1, correlationId: ctx.row.correlationId },
        ),
      ]);
      await this.exceptions.closeOpen(EXCEPTION_INVALID, `opportunity/${o.id}`, SOURCE, 'provisioned after a fix');
    });
    this.latency.observe(
      { legal_entity: o.legalEntity ?? 'none' },
      (now.getTime() - ctx.row.receivedAt.getTime()) / 1000,
    );
  }

  private currency(ctx: RunContext): string {
    return (
      ctx.entities.find((e) => e.legalEntityId === ctx.opportunity.legalEntity)?.currency ??
      ctx.opportunity.amount?.currency ??
      'USD'
    );
  }

  /** Appends a step to the row (and extends the lease: the runner is alive). */
  private async record(row: ProvisioningEntity, step: ProvisioningStep): Promise<void> {
    row.steps = [...(row.steps ?? []).filter((s) => s.name !== step.name), step];
    await this.db
      .getRepository(ProvisioningEntity)
      .update(
        { id: row.id },
        { steps: row.steps, updatedAt: new Date(), leaseUntil: new Date(Date.now() + this.leaseMs) },
      );
  }

  private async fail(
    row: ProvisioningEntity,
    ctx: RunContext | undefined,
    step: ProvisioningStepName,
    startedAt: string,
    err: unknown,
  ): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const repo = this.db.getRepository(ProvisioningEntity);
    const base = {
      name: step,
      status: 'failed' as const,
      startedAt,
      finishedAt: new Date().toISOString(),
      error: message,
    };
    const o = ctx?.opportunity ?? (row.opportunity as unknown as OpportunityData);
    const raise = (kind: string, reasons: string[], details: Record<string, unknown> = {}) =>
      this.exceptions.raise({
        kind,
        owningTeam: 'finance-operations',
        businessKey: `opportunity/${row.opportunityId}`,
        legalEntity: o.legalEntity ?? null,
        moneyAtStake: o.amount ?? null,
        reasons,
        details: { provisioningId: row.id, step, ...details },
        source: SOURCE,
      });
    if (err instanceof StopForException) {
      await this.record(row, base);
      await repo.update(
        { id: row.id },
        { status: 'exception', lastError: message, leaseUntil: null, updatedAt: new Date() },
      );
      await raise(err.kind, err.reasons, err.details);
      return;
    }
    if (err instanceof SystemApiBusinessError) {
      // Refused for good by a system: undo what the systems let us undo, then stop as failed.
      await this.record(row, base);
      await repo.update({ id: row.id }, { status: 'compensating', lastError: message, updatedAt: new Date() });
      const created = Object.entries(ctx?.vendorIds ?? {})
        .filter(([k]) => /^(erpProjectId|psaProjectId|erpCustomerId|billingCustomerId)$/.test(k))
        .map(([k, v]) => `${k} ${v}`);
      await repo.update({ id: row.id }, { status: 'failed', leaseUntil: null, updatedAt: new Date() });
      await raise(EXCEPTION_FAILED, [
        `step ${step} was refused: ${message}`,
        ...(created.length
          ? [
              `created before the failure, to deactivate or archive by hand (the system APIs offer no deactivate/archive yet): ${created.join(', ')}`,
            ]
          : []),
      ]);
      return;
    }
    // technical (or unexpected): retried once the short lease ends
    if (!(err instanceof SystemApiTechnicalError)) this.log.error(`Provisioning ${row.id} step ${step}: ${message}`);
    await this.record(row, base);
    await repo.update(
      { id: row.id },
      { lastError: message, leaseUntil: new Date(Date.now() + this.retryMs), updatedAt: new Date() },
    );
  }
}

function prefixed(prefix: string, refs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(refs)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [`${prefix}_${k}`, v]),
  );
}
