import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MetricsService, PollingLoop } from '@app/platform';
import {
  SystemApiBusinessError,
  SystemApiTechnicalError,
  SystemErpClient,
  SystemPsaClient,
} from '../../common/system-apis';
import { ExceptionsService } from '../../exceptions/exceptions.service';
import { BillingScheduleItemEntity } from '../billing-schedule.entity';
import { deterministicId, OpportunityData } from '../provisioning-rules';
import { ProvisioningEntity } from '../provisioning.entity';
import { milestoneIdsOf } from './amendment-rules';
import { AmendmentStep, AmendmentStepName, ContractAmendmentEntity } from './contract-amendment.entity';
import { ContractPricing } from './contract-pricing.service';

export const EXCEPTION_AMENDMENT_FAILED = 'amendment-failed';
const SOURCE = 'project-setup';

/** A step stops the amendment for a person (a business refusal found by this layer). */
class StopForException extends Error {}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * Propagates recorded amendments, one project's in sequence order (an amendment waits for the earlier
 * ones of its project to be applied): PSA project (budget, end date) -> PSA milestones (added or
 * changed) -> PSA rate-card version (effective date) -> ERP project (end date, budget) -> billing
 * schedule (process table). Each step is recorded on the row and safe to repeat (PATCH, PUT by id,
 * a rate-card version that answers the existing one, deterministic schedule ids), so a run resumed
 * after a crash or a technical failure (retried after AMENDMENT_RETRY_MS) applies nothing twice. A
 * system refusing a step for good (4xx) stops the amendment in `exception` with a business exception
 * `amendment-failed` (finance-operations); `retry-after-fix` resumes it from that step.
 */
@Injectable()
export class AmendmentWorkflow implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AmendmentWorkflow.name);
  private readonly loop: PollingLoop<number>;
  private readonly leaseMs = envInt('AMENDMENT_LEASE_MS', 30_000);
  private readonly retryMs = envInt('AMENDMENT_RETRY_MS', 5_000);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly psa: SystemPsaClient,
    private readonly erp: SystemErpClient,
    private readonly exceptions: ExceptionsService,
    private readonly pricing: ContractPricing,
    metrics: MetricsService,
  ) {
    this.loop = new PollingLoop(
      {
        name: 'Amendments',
        metricPrefix: 'amendment_runner',
        intervalMs: envInt('AMENDMENT_POLL_INTERVAL_MS', 250),
        poll: () => this.runDue(),
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    this.exceptions.registerRetryHandler(EXCEPTION_AMENDMENT_FAILED, async (e) => {
      const id = e.details.amendmentId;
      if (typeof id === 'string') await this.requeue(id);
    });
    if (process.env.AMENDMENT_WORKFLOW !== 'off') this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** After a fix: the amendment runs again from its first unfinished step. */
  async requeue(id: string): Promise<void> {
    const repo = this.db.getRepository(ContractAmendmentEntity);
    const row = await repo.findOneBy({ id });
    if (!row || row.status !== 'exception') return;
    await repo.update(
      { id },
      {
        status: 'pending',
        steps: (row.steps ?? []).filter((s) => s.status === 'done'),
        leaseUntil: null,
        lastError: null,
        updatedAt: new Date(),
      },
    );
  }

  /** Claims due amendments (unleased, no earlier unapplied amendment of the same project) and runs them. */
  async runDue(): Promise<number> {
    const table = this.db.getMetadata(ContractAmendmentEntity).tablePath;
    const claimed = (await this.db.query(
      `UPDATE ${table} a SET lease_until = now() + ($1 || ' milliseconds')::interval, attempts = a.attempts + 1,
              status = 'in-progress', updated_at = now()
        WHERE a.id IN (SELECT c.id FROM ${table} c
                        WHERE c.status IN ('pending', 'in-progress')
                          AND (c.lease_until IS NULL OR c.lease_until < now())
                          AND NOT EXISTS (SELECT 1 FROM ${table} e
                                           WHERE e.project_id = c.project_id AND e.sequence < c.sequence
                                             AND e.status <> 'applied')
                        ORDER BY c.created_at LIMIT 10 FOR UPDATE SKIP LOCKED)
        RETURNING a.id`,
      [String(this.leaseMs)],
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as Array<{ id: string }>;
    await Promise.all(rows.map((r) => this.run(r.id)));
    return rows.length;
  }

  private async run(id: string): Promise<void> {
    const repo = this.db.getRepository(ContractAmendmentEntity);
    const row = await repo.findOneByOrFail({ id });
    const done = new Set((row.steps ?? []).filter((s) => s.status === 'done').map((s) => s.name));
    const c = row.changes;
    const steps: Array<[AmendmentStepName, boolean, () => Promise<Record<string, string>>]> = [
      ['psa-project', !!(c.budget || c.endDate), () => this.psaProject(row)],
      ['psa-milestones', !!c.milestones?.length, () => this.psaMilestones(row)],
      ['psa-rate-card', !!row.rateCard, () => this.psaRateCard(row)],
      ['erp-project', !!(c.budget || c.endDate), () => this.erpProject(row)],
      ['billing-schedule', !!c.milestones?.length, () => this.billingSchedule(row)],
    ];
    let current: AmendmentStepName = 'psa-project';
    let startedAt = new Date().toISOString();
    try {
      for (const [name, wanted, step] of steps) {
        if (!wanted || done.has(name)) continue;
        current = name;
        startedAt = new Date().toISOString();
        const vendorIds = await step();
        await this.record(row, { name, status: 'done', startedAt, finishedAt: new Date().toISOString(), vendorIds });
      }
      await repo.update(
        { id },
        { status: 'applied', appliedAt: new Date(), leaseUntil: null, lastError: null, updatedAt: new Date() },
      );
      this.pricing.invalidate(row.projectId);
    } catch (err) {
      await this.fail(row, current, startedAt, err);
    }
  }

  private async psaProject(row: ContractAmendmentEntity): Promise<Record<string, string>> {
    const c = row.changes;
    const project = await this.psa.patchProject(row.projectId, {
      ...(c.budget ? { budget: c.budget } : {}),
      ...(c.endDate ? { endDate: c.endDate } : {}),
    });
    return { psaProjectId: project.id };
  }

  private async psaMilestones(row: ContractAmendmentEntity): Promise<Record<string, string>> {
    const ids = milestoneIdsOf(row);
    const out: Record<string, string> = {};
    for (const [k, m] of (row.changes.milestones ?? []).entries()) {
      const saved = await this.psa.upsertMilestone(row.projectId, ids[k], {
        name: m.name,
        amount: m.amount,
        dueDate: m.dueDate,
      });
      out[`milestone_${k + 1}`] = saved.id;
    }
    return out;
  }

  private async psaRateCard(row: ContractAmendmentEntity): Promise<Record<string, string>> {
    const rc = row.rateCard!;
    if (!rc.rateCardId) return { psaRateCard: 'none in the contract currency: prices kept in this layer only' };
    const card = await this.psa.createRateCardVersion(rc.rateCardId, {
      effectiveFrom: row.effectiveDate,
      billRates: rc.billRates,
    });
    const versions = Array.isArray(card.versions)
      ? (card.versions as Array<{ id: string; effectiveFrom: string }>)
      : [];
    const version = versions.find((v) => v.effectiveFrom === row.effectiveDate);
    if (!version)
      throw new StopForException(`the PSA shows no version of ${rc.rateCardId} effective ${row.effectiveDate}`);
    row.rateCard = { ...rc, versionId: version.id };
    await this.db.getRepository(ContractAmendmentEntity).update({ id: row.id }, { rateCard: row.rateCard });
    return { psaRateCardId: rc.rateCardId, psaRateCardVersionId: version.id };
  }

  private async erpProject(row: ContractAmendmentEntity): Promise<Record<string, string>> {
    const c = row.changes;
    const project = await this.erp.patchProject(row.projectId, {
      ...(c.budget ? { budget: c.budget } : {}),
      ...(c.endDate ? { endDate: c.endDate } : {}),
    });
    return { erpProjectId: project.id };
  }

  /**
   * Each added or changed milestone becomes a new schedule item (deterministic id, next sequence);
   * a changed milestone's current item, still `scheduled`, becomes `superseded` (kept as history). An
   * item billed meanwhile is never changed: the amendment stops with an exception instead.
   */
  private async billingSchedule(row: ContractAmendmentEntity): Promise<Record<string, string>> {
    const ids = milestoneIdsOf(row);
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`billing-schedule:${row.projectId}`]);
      const items = manager.getRepository(BillingScheduleItemEntity);
      const provisioning = await manager.getRepository(ProvisioningEntity).findOneByOrFail({ id: row.provisioningId });
      const earlier = await manager
        .getRepository(ContractAmendmentEntity)
        .createQueryBuilder('a')
        .where('a.project_id = :p AND a.sequence < :s', { p: row.projectId, s: row.sequence })
        .orderBy('a.sequence', 'ASC')
        .getMany();
      const links: Record<string, string> = {};
      for (const [k, m] of (row.changes.milestones ?? []).entries()) {
        const milestoneId = ids[k];
        const itemId = deterministicId('schedule', row.projectId, 'amendment', row.id, milestoneId);
        links[milestoneId] = itemId;
        if (await items.existsBy({ id: itemId })) continue; // done before a crash
        const currentId = currentScheduleItem(milestoneId, provisioning, row.projectId, earlier);
        const current = currentId ? await items.findOneBy({ id: currentId }) : null;
        if (
          current &&
          current.status !== 'scheduled' &&
          current.status !== 'superseded' &&
          current.status !== 'cancelled'
        )
          throw new StopForException(
            `milestone ${milestoneId} was ${current.status} before the amendment reached the billing schedule: it is left as it is`,
          );
        if (current?.status === 'scheduled') await items.update({ id: current.id }, { status: 'superseded' });
        const [{ max }] = (await manager.query(
          `SELECT COALESCE(MAX(sequence), 0)::int AS max FROM ${items.metadata.tablePath} WHERE project_id = $1`,
          [row.projectId],
        )) as Array<{ max: number }>;
        await items.insert({
          id: itemId,
          provisioningId: row.provisioningId,
          projectId: row.projectId,
          legalEntity: row.legalEntity,
          sequence: max + 1,
          kind: 'milestone',
          description: m.name,
          dueDate: m.dueDate,
          amountMinor: m.amount.amountMinor,
          currency: m.amount.currency,
          status: 'scheduled',
        });
      }
      await manager.getRepository(ContractAmendmentEntity).update({ id: row.id }, { scheduleLinks: links });
      row.scheduleLinks = links;
      return Object.fromEntries(Object.values(links).map((v, i) => [`scheduleItem_${i + 1}`, v]));
    });
  }

  private async record(row: ContractAmendmentEntity, step: AmendmentStep): Promise<void> {
    row.steps = [...(row.steps ?? []).filter((s) => s.name !== step.name), step];
    await this.db
      .getRepository(ContractAmendmentEntity)
      .update(
        { id: row.id },
        { steps: row.steps, updatedAt: new Date(), leaseUntil: new Date(Date.now() + this.leaseMs) },
      );
  }

  private async fail(row: ContractAmendmentEntity, step: AmendmentStepName, startedAt: string, err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    const repo = this.db.getRepository(ContractAmendmentEntity);
    await this.record(row, {
      name: step,
      status: 'failed',
      startedAt,
      finishedAt: new Date().toISOString(),
      error: message,
    });
    if (err instanceof SystemApiBusinessError || err instanceof StopForException) {
      await repo.update(
        { id: row.id },
        { status: 'exception', lastError: message, leaseUntil: null, updatedAt: new Date() },
      );
      await this.exceptions.raise({
        kind: EXCEPTION_AMENDMENT_FAILED,
        owningTeam: 'finance-operations',
        businessKey: `amendment/${row.id}`,
        legalEntity: row.legalEntity,
        moneyAtStake: row.changes.budget ?? null,
        reasons: [`step ${step} of amendment ${row.sequence} of project ${row.projectCode} was refused: ${message}`],
        details: { amendmentId: row.id, projectCode: row.projectCode, projectId: row.projectId, step },
        source: SOURCE,
      });
      return;
    }
    if (!(err instanceof SystemApiTechnicalError)) this.log.error(`Amendment ${row.id} step ${step}: ${message}`);
    await repo.update(
      { id: row.id },
      { lastError: message, leaseUntil: new Date(Date.now() + this.retryMs), updatedAt: new Date() },
    );
  }
}

/** The schedule item a milestone bills from now: the latest amendment's for it, else the provisioning's. */
function currentScheduleItem(
  milestoneId: string,
  provisioning: ProvisioningEntity,
  projectId: string,
  earlier: ContractAmendmentEntity[],
): string | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const linked = earlier[i].scheduleLinks?.[milestoneId];
    if (linked) return linked;
  }
  const o = provisioning.opportunity as unknown as OpportunityData;
  const index = (o.lineItems ?? [])
    .filter((l) => l.kind === 'milestone')
    .findIndex((_, i) => deterministicId('milestone', o.id, String(i + 1)) === milestoneId);
  return index >= 0 ? deterministicId('schedule', projectId, String(index + 1)) : undefined;
}
