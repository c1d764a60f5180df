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
import {
  ProvisioningCompensation,
  ProvisioningEntity,
  ProvisioningStep,
  ProvisioningStepName,
} from './provisioning.entity';

export const EXCEPTION_INVALID = 'provisioning-invalid-opportunity';
export const EXCEPTION_DUPLICATE_CUSTOMER = 'provisioning-duplicate-customer';
export const EXCEPTION_FAILED = 'provisioning-failed';
/** NOTIFY channel: a provisioning was recorded (sent in the recording transaction: heard once committed). */
export const PROVISIONING_CHANNEL = 'provisioning_received';
const SOURCE = 'project-setup';
/** A compensation action failing technically (5xx, timeout) this many times is given up (left for a person). */
const COMPENSATION_MAX_ATTEMPTS = 5;
/** The steps whose effects a compensation keeps (the customer may serve other projects). */
const KEPT_ON_RETRY: ProvisioningStepName[] = ['validate', 'erp-customer'];

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
 *
 * A step refused for good by a system (a 4xx business refusal) makes the provisioning `compensating`:
 * the workflow archives the PSA workspace and deactivates the ERP project it created, cancels the
 * billing schedule it recorded, records each action on the row (`compensations`: done, failed or kept),
 * then ends `failed` with one `provisioning-failed` exception listing what was undone and what was not.
 * Each action is safe to repeat and recorded once done, so a crash while compensating resumes where it
 * stopped (a `compensating` row is claimed again once its lease runs out).
 */
@Injectable()
export class ProvisioningWorkflow implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(ProvisioningWorkflow.name);
  private readonly loop: PollingLoop<number>;
  private readonly latency: Histogram<string>;
  private readonly leaseMs = envInt('PROVISIONING_LEASE_MS', 30_000);
  private readonly retryMs = envInt('PROVISIONING_RETRY_MS', 5_000);
  /** Provisionings run at once by this process (each a chain of vendor calls, mostly waiting). */
  private readonly concurrency = envInt('PROVISIONING_CONCURRENCY', 32);
  private readonly inFlight = new Set<Promise<void>>();
  /** Provisionings running in this process: never claimed again here while they run (even past their lease). */
  private readonly running = new Set<string>();
  private claiming: Promise<number> | undefined;
  private claimAgain = false;
  private stopping = false;
  private listener: { release(): void; query(sql: string): Promise<unknown> } | undefined;
  /**
   * Tests only: PROVISIONING_CRASH_AFTER=<step>[,<step>] or `*` stops the run right after that step is
   * recorded (`<step>@<opportunityId>`: only the provisioning of that opportunity): the process exits (PROVISIONING_CRASH_MODE=exit, default: a real crash in processes mode) or
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
    if (process.env.PROVISIONING_WORKFLOW !== 'off') {
      this.loop.start();
      void this.listen();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${PROVISIONING_CHANNEL}`).catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
    await Promise.all([...this.inFlight]);
  }

  /**
   * A new provisioning starts at once, not at the next poll: the recording transaction sends a NOTIFY
   * (heard once committed) and this process claims. The poll stays the safety net (missed notifications,
   * leases run out, retries due).
   */
  private async listen(): Promise<void> {
    try {
      const pool = (
        this.db.driver as unknown as {
          master: {
            connect(): Promise<{
              on(e: 'notification' | 'error', f: () => void): void;
              release(): void;
              query(sql: string): Promise<unknown>;
            }>;
          };
        }
      ).master;
      const client = await pool.connect();
      client.on('notification', () => this.wake());
      client.on('error', () => undefined); // the poll carries on alone
      await client.query(`LISTEN ${PROVISIONING_CHANNEL}`);
      if (this.stopping) {
        client.release();
        return;
      }
      this.listener = client;
    } catch (err) {
      this.log.warn(`Provisioning wake-ups off (the ${PROVISIONING_CHANNEL} listener failed): ${String(err)}`);
    }
  }

  /** Claims due provisionings now (coalesced: one claim at a time, another right after if asked meanwhile). */
  wake(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.runDue()
      .catch((err: unknown) => {
        this.log.warn(`Provisioning claim failed: ${String(err)}`);
        return 0;
      })
      .finally(() => {
        this.claiming = undefined;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.wake();
        }
      });
  }

  /** After a fix: the provisioning runs again from its first unfinished step. */
  async requeue(id: string): Promise<void> {
    const row = await this.db.getRepository(ProvisioningEntity).findOneBy({ id });
    if (!row || row.status === 'provisioned' || row.status === 'compensating') return;
    // after a compensation, the undone steps run again (they find their records and reactivate them)
    const compensated = (row.compensations ?? []).length > 0;
    await this.db.getRepository(ProvisioningEntity).update(
      { id },
      {
        status: 'received',
        steps: (row.steps ?? []).filter((s) => s.status === 'done' && (!compensated || KEPT_ON_RETRY.includes(s.name))),
        compensations: null,
        retries: (row.retries ?? 0) + 1,
        leaseUntil: null,
        lastError: null,
        updatedAt: new Date(),
      },
    );
  }

  /**
   * Claims due provisionings (unleased or lease expired) up to the free run slots and starts them; it
   * does not wait for them (a slow vendor call never holds the next claim). A run that ends frees its
   * slot and claims again, so a backlog drains without waiting for the poll.
   */
  async runDue(): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0 || this.stopping) return 0;
    const table = this.db.getMetadata(ProvisioningEntity).tablePath;
    const claimed = (await this.db.query(
      `UPDATE ${table} p SET lease_until = now() + ($1 || ' milliseconds')::interval, attempts = p.attempts + 1,
              status = CASE WHEN p.status = 'compensating' THEN 'compensating' ELSE 'in-progress' END,
              updated_at = now()
        WHERE p.id IN (SELECT id FROM ${table}
                        WHERE status IN ('received', 'in-progress', 'compensating')
                          AND (lease_until IS NULL OR lease_until < now())
                          AND id <> ALL($3::uuid[])
                        ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING p.id, p.status`,
      [String(this.leaseMs), free, [...this.running]],
    )) as [Array<{ id: string; status: string }>, number] | Array<{ id: string; status: string }>;
    const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as Array<{ id: string; status: string }>;
    for (const r of rows) {
      this.running.add(r.id);
      const running: Promise<void> = (r.status === 'compensating' ? this.resumeCompensation(r.id) : this.run(r.id))
        .catch((err: unknown) => this.log.error(`Provisioning ${r.id}: ${String(err)}`))
        .finally(() => {
          this.inFlight.delete(running);
          this.running.delete(r.id);
          this.wake(); // a slot is free: there may be more waiting
        });
      this.inFlight.add(running);
    }
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
        if (name !== 'publish' && this.crashesAfter(name, row.opportunityId)) {
          this.log.warn(`PROVISIONING_CRASH_AFTER=${name} (${row.opportunityId}): ${this.crashMode} (test)`);
          if (this.crashMode === 'exit') process.exit(86);
          return; // abandoned: the lease runs out, the next run resumes after this step
        }
      }
    } catch (err) {
      await this.fail(row, ctx, current, startedAt, err);
    }
  }

  /** Prefix of the vendor idempotency keys: stable across crashes and resumes, new after a retry after a fix. */
  private keyOf(ctx: RunContext): string {
    return ctx.row.retries ? `provisioning:${ctx.row.id}:r${ctx.row.retries}` : `provisioning:${ctx.row.id}`;
  }

  private crashesAfter(step: string, opportunityId: string): boolean {
    if (!this.crashAfter.size) return false;
    return this.crashAfter.has('*') || this.crashAfter.has(step) || this.crashAfter.has(`${step}@${opportunityId}`);
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
    const wanted = normalizeName(account.name ?? '');
    // system-erp narrows the list to this name key (one short vendor read, not every customer).
    const all = (await this.erp.listCustomers(wanted ? { nameKey: wanted } : {})).items ?? [];
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
      `${this.keyOf(ctx)}:erp-customer`,
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
        `${this.keyOf(ctx)}:erp-project`,
      ));
    if (existing.status === 'inactive') await this.erp.patchProject(existing.id, { status: 'active' }); // retried after a compensation
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
        `${this.keyOf(ctx)}:psa-workspace`,
      );
    } else if (project.status === 'completed' || project.status === 'archived') {
      // retried after a compensation archived it (an archived workspace reads as completed)
      project = await this.psa.patchProject(project.id, { status: 'active' });
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
          `${this.keyOf(ctx)}:milestone:${i + 1}`,
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
        `${this.keyOf(ctx)}:billing-customer`,
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
      // retried after a compensation: the cancelled items are scheduled again
      await this.db
        .createQueryBuilder()
        .update(BillingScheduleItemEntity)
        .set({ status: 'scheduled' })
        .where('provisioning_id = :id AND status = :cancelled', { id: ctx.row.id, cancelled: 'cancelled' })
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

  /** A `compensating` provisioning claimed again (its run stopped mid-way: crash or technical failure). */
  private async resumeCompensation(id: string): Promise<void> {
    const row = await this.db.getRepository(ProvisioningEntity).findOneByOrFail({ id });
    try {
      await this.compensate(row, undefined);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Provisioning ${id} compensation: ${message}`);
      await this.db
        .getRepository(ProvisioningEntity)
        .update({ id }, { leaseUntil: new Date(Date.now() + this.retryMs), updatedAt: new Date() });
    }
  }

  /**
   * Undoes, newest first, what the finished steps created and the systems let us undo; each action is
   * recorded on the row once settled, so a resumed compensation skips it. A technical failure leaves the
   * row `compensating` for a later try; once every action is settled the row ends `failed` with one
   * exception listing what was undone and what was not.
   */
  private async compensate(row: ProvisioningEntity, ctx: RunContext | undefined): Promise<void> {
    const repo = this.db.getRepository(ProvisioningEntity);
    const steps = row.steps ?? [];
    const done = new Set(steps.filter((s) => s.status === 'done').map((s) => s.name));
    const failedStep = [...steps].reverse().find((s) => s.status === 'failed')?.name;
    const ids: Record<string, string> = {};
    for (const s of steps) if (s.status === 'done') Object.assign(ids, s.vendorIds ?? {});
    const projectId = row.projectId ?? ids.projectId;
    const plan: Array<{ action: string; target: string; undo?: () => Promise<void>; kept?: string }> = [];
    if (done.has('billing-schedule') && projectId)
      plan.push({
        action: 'cancel-billing-schedule',
        target: projectId,
        undo: async () => {
          await this.db
            .createQueryBuilder()
            .update(BillingScheduleItemEntity)
            .set({ status: 'cancelled' })
            .where('provisioning_id = :id AND status = :scheduled', { id: row.id, scheduled: 'scheduled' })
            .execute();
        },
      });
    if (done.has('billing-customer') && ids.billingCustomerId)
      plan.push({
        action: 'keep-billing-customer',
        target: ids.billingCustomerId,
        kept: 'the billing customer is kept: the billing API offers no deactivation and it holds no subscription or invoice',
      });
    // a workspace the failed step itself created (e.g. before a milestone was refused) is archived too
    const psaId = ids.psaProjectId ?? (failedStep === 'psa-workspace' ? projectId : undefined);
    if (psaId)
      plan.push({
        action: 'archive-psa-workspace',
        target: psaId,
        undo: async () => {
          if (!ids.psaProjectId && !(await this.psa.getProject(psaId))) return;
          await this.psa.patchProject(psaId, { status: 'archived' });
        },
      });
    if (ids.erpProjectId)
      plan.push({
        action: 'deactivate-erp-project',
        target: ids.erpProjectId,
        undo: async () => {
          await this.erp.patchProject(ids.erpProjectId, { status: 'inactive' });
        },
      });
    if (done.has('erp-customer') && ids.erpCustomer === 'created' && ids.erpCustomerId)
      plan.push({
        action: 'keep-erp-customer',
        target: ids.erpCustomerId,
        kept: 'the ERP customer is kept: the CRM account stays a customer and may be provisioned again',
      });

    const settled = new Map((row.compensations ?? []).map((c) => [`${c.action}:${c.target}`, c]));
    const save = async (c: ProvisioningCompensation) => {
      settled.set(`${c.action}:${c.target}`, c);
      row.compensations = [...settled.values()];
      await repo.update(
        { id: row.id },
        {
          compensations: row.compensations,
          updatedAt: new Date(),
          leaseUntil: new Date(Date.now() + this.leaseMs),
        },
      );
    };
    for (const item of plan) {
      const before = settled.get(`${item.action}:${item.target}`);
      if (before && before.status !== 'retrying') continue;
      const attempts = (before?.attempts ?? 0) + 1;
      const at = new Date().toISOString();
      if (item.kept) {
        await save({ action: item.action, target: item.target, status: 'kept', attempts: 0, at, error: item.kept });
        continue;
      }
      try {
        await item.undo!();
        await save({ action: item.action, target: item.target, status: 'done', attempts, at });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof SystemApiBusinessError || attempts >= COMPENSATION_MAX_ATTEMPTS) {
          await save({ action: item.action, target: item.target, status: 'failed', attempts, at, error: message });
          continue;
        }
        // technical: tried again once the short lease ends (the row stays compensating)
        await save({
          action: item.action,
          target: item.target,
          status: 'retrying',
          attempts,
          at,
          error: message,
        });
        await repo.update({ id: row.id }, { leaseUntil: new Date(Date.now() + this.retryMs), updatedAt: new Date() });
        return;
      }
      if (this.crashesAfter(`compensate:${item.action}`, row.opportunityId)) {
        this.log.warn(
          `PROVISIONING_CRASH_AFTER=compensate:${item.action} (${row.opportunityId}): ${this.crashMode} (test)`,
        );
        if (this.crashMode === 'exit') process.exit(86);
        return;
      }
    }

    const all = [...settled.values()];
    const undone = all.filter((c) => c.status === 'done').map((c) => `${c.action} ${c.target}`);
    const notUndone = all
      .filter((c) => c.status !== 'done')
      .map((c) => `${c.action} ${c.target}${c.error ? ` (${c.error})` : ''}`);
    const o = ctx?.opportunity ?? (row.opportunity as unknown as OpportunityData);
    const failed = [...(row.steps ?? [])].reverse().find((s) => s.status === 'failed');
    await this.db.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(ProvisioningEntity)
        .set({ status: 'failed', leaseUntil: null, updatedAt: new Date() })
        .where('id = :id AND status = :compensating', { id: row.id, compensating: 'compensating' })
        .execute();
      if (!updated.affected) return;
      await this.exceptions.raise(
        {
          kind: EXCEPTION_FAILED,
          owningTeam: 'finance-operations',
          businessKey: `opportunity/${row.opportunityId}`,
          legalEntity: o.legalEntity ?? null,
          moneyAtStake: o.amount ?? null,
          reasons: [
            `step ${failed?.name ?? '?'} was refused: ${failed?.error ?? row.lastError ?? 'unknown'}`,
            undone.length ? `undone: ${undone.join(', ')}` : 'nothing needed undoing',
            ...(notUndone.length ? [`not undone: ${notUndone.join('; ')}`] : []),
          ],
          details: {
            provisioningId: row.id,
            step: failed?.name,
            compensations: all as unknown as Record<string, unknown>[],
          },
          source: SOURCE,
        },
        manager,
      );
    });
    row.status = 'failed';
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
      await repo.update(
        { id: row.id },
        {
          status: 'compensating',
          lastError: message,
          updatedAt: new Date(),
          leaseUntil: new Date(Date.now() + this.leaseMs),
        },
      );
      row.status = 'compensating';
      row.lastError = message;
      await this.compensate(row, ctx);
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
