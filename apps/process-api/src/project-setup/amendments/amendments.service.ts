import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CallerIdentity,
  ConflictProblem,
  Correlation,
  NotFoundProblem,
  UnprocessableProblem,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { SystemApiBusinessError } from '../../common/system-apis';
import { BillingScheduleItemEntity } from '../billing-schedule.entity';
import { deterministicId, OpportunityData } from '../provisioning-rules';
import { ProvisioningEntity } from '../provisioning.entity';
import { contentHash, ContractState, milestoneIdsOf, validateAmendment } from './amendment-rules';
import { AmendmentChanges, ContractAmendmentEntity } from './contract-amendment.entity';
import { ContractPricing, ProjectPriceBook } from './contract-pricing.service';
import { AmendmentDto } from './dto/amendment.dto';
import { mergedRates } from './rate-versions';

/** A project's provisioning (its contract as won) and amendments so far. */
interface ProjectRecord {
  /** Absent only for history whose provisioning is gone (reads still answer it). */
  provisioning?: ProvisioningEntity;
  projectId: string;
  legalEntity: string;
  amendments: ContractAmendmentEntity[];
}

/**
 * Records contract amendments of provisioned projects (validated against the contract as it stands:
 * the won deal plus every earlier amendment) and reads their history. Propagation to the systems is
 * the AmendmentWorkflow's.
 */
@Injectable()
export class AmendmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pricing: ContractPricing,
  ) {}

  /**
   * Records an amendment once: the same changes for the same project and effective date answer the
   * amendment already recorded (`created` false), never a second one.
   */
  async create(
    code: string,
    input: { effectiveDate: string; reason: string; changes: AmendmentChanges },
    caller: CallerIdentity,
  ): Promise<{ row: ContractAmendmentEntity; created: boolean }> {
    const project = await this.project(code, caller);
    const provisioning = project.provisioning;
    if (!provisioning) throw new NotFoundProblem(`no provisioned project has the code ${code}`);
    if (provisioning.status !== 'provisioned')
      throw new ConflictProblem(`project ${code} is not provisioned yet (${provisioning.status})`, {
        status: provisioning.status,
      });
    const changes = normalizeChanges(input.changes);
    const hash = contentHash(changes);
    const repo = this.db.getRepository(ContractAmendmentEntity);
    const same = await repo.findOneBy({
      projectId: project.projectId,
      effectiveDate: input.effectiveDate,
      contentHash: hash,
    });
    if (same) return { row: same, created: false };

    const book = await this.priceBook(project.projectId);
    const result = await this.db.transaction(async (manager) => {
      // one writer per project at a time: the sequence and the "not before an earlier amendment" rule hold
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contract-amendments:${project.projectId}`]);
      const again = await manager
        .getRepository(ContractAmendmentEntity)
        .findOneBy({ projectId: project.projectId, effectiveDate: input.effectiveDate, contentHash: hash });
      if (again) return { row: again, created: false };
      const earlier = await manager
        .getRepository(ContractAmendmentEntity)
        .find({ where: { projectId: project.projectId }, order: { sequence: 'ASC' } });
      const state = await this.contractState(manager, provisioning, project.projectId, earlier, book);
      const problems = validateAmendment(input.effectiveDate, changes, state);
      if (problems.length)
        throw new UnprocessableProblem(problems.map((p) => p.message).join('; '), { errors: problems });
      const now = new Date();
      const row = manager.getRepository(ContractAmendmentEntity).create({
        id: uuidv7(),
        projectId: project.projectId,
        projectCode: provisioning.projectCode ?? code,
        legalEntity: project.legalEntity,
        provisioningId: provisioning.id,
        sequence: (earlier[earlier.length - 1]?.sequence ?? 0) + 1,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
        changes,
        contentHash: hash,
        rateCard: changes.rateCard
          ? {
              rateCardId: book.data.rateCardId,
              billRates: mergedRates(book.data, input.effectiveDate, changes.rateCard.rates),
              versionId: null,
            }
          : null,
        scheduleLinks: null,
        status: 'pending',
        steps: [],
        lastError: null,
        attempts: 0,
        leaseUntil: null,
        requestedBy: caller.consumerName,
        correlationId: Correlation.current()?.correlationId ?? null,
        createdAt: now,
        updatedAt: now,
        appliedAt: null,
      });
      await manager.getRepository(ContractAmendmentEntity).insert(row);
      return { row, created: true };
    });
    if (result.created) this.pricing.invalidate(project.projectId);
    return result;
  }

  /** A project's amendments, oldest first (404 unknown project, 403 another entity's). */
  async list(code: string, caller: CallerIdentity): Promise<ContractAmendmentEntity[]> {
    const project = await this.project(code, caller);
    return project.amendments;
  }

  /** One amendment of a project. */
  async get(code: string, id: string, caller: CallerIdentity): Promise<ContractAmendmentEntity> {
    const project = await this.project(code, caller);
    const row = project.amendments.find((a) => a.id === id);
    if (!row) throw new NotFoundProblem(`project ${code} has no amendment ${id}`);
    return row;
  }

  /** The project of a code: its provisioning (or, for history, its amendments), seen by the caller. */
  private async project(code: string, caller: CallerIdentity): Promise<ProjectRecord> {
    const provisioning = await this.db.getRepository(ProvisioningEntity).findOneBy({ projectCode: code });
    const amendments = await this.db
      .getRepository(ContractAmendmentEntity)
      .find({ where: { projectCode: code }, order: { sequence: 'ASC' } });
    const legalEntity =
      (provisioning?.opportunity as unknown as OpportunityData | undefined)?.legalEntity ?? amendments[0]?.legalEntity;
    const projectId = provisioning?.projectId ?? amendments[0]?.projectId;
    if ((!provisioning && amendments.length === 0) || !projectId)
      throw new NotFoundProblem(`no provisioned project has the code ${code}`);
    caller.assertSees(legalEntity, `Project ${code}`);
    return { ...(provisioning ? { provisioning } : {}), projectId, legalEntity: legalEntity ?? '', amendments };
  }

  private async priceBook(projectId: string): Promise<ProjectPriceBook> {
    let book: ProjectPriceBook | null;
    try {
      book = await this.pricing.priceBook(projectId);
    } catch (err) {
      if (err instanceof SystemApiBusinessError) throw new UnprocessableProblem(err.message);
      throw new UpstreamUnavailableProblem('system-psa', err instanceof Error ? err.message : String(err));
    }
    if (!book) throw new ConflictProblem(`project ${projectId} is not set up in the PSA yet`);
    return book;
  }

  /** The contract as it stands: the won deal and every earlier amendment. */
  private async contractState(
    manager: EntityManager,
    provisioning: ProvisioningEntity,
    projectId: string,
    earlier: ContractAmendmentEntity[],
    book: ProjectPriceBook,
  ): Promise<ContractState> {
    const o = provisioning.opportunity as unknown as OpportunityData;
    const items = await manager.getRepository(BillingScheduleItemEntity).findBy({ projectId });
    const statusOf = new Map(items.map((i) => [i.id, i.status]));
    const milestones = new Map<string, string | null>();
    (o.lineItems ?? [])
      .filter((l) => l.kind === 'milestone')
      .forEach((_, i) => {
        const id = deterministicId('milestone', o.id, String(i + 1));
        milestones.set(id, statusOf.get(deterministicId('schedule', projectId, String(i + 1))) ?? null);
      });
    let endDate = o.endDate;
    for (const a of earlier) {
      if (a.changes.endDate) endDate = a.changes.endDate;
      for (const id of milestoneIdsOf(a)) {
        const item = a.scheduleLinks?.[id];
        milestones.set(id, item ? (statusOf.get(item) ?? null) : (milestones.get(id) ?? null));
      }
    }
    const roles = new Set<string>();
    for (const v of book.data.base) for (const r of v.billRates) roles.add(r.role);
    for (const a of book.data.amendments) for (const r of a.billRates) roles.add(r.role);
    return {
      currency: book.currency,
      startDate: o.startDate ?? '0000-01-01',
      ...(endDate ? { endDate } : {}),
      ...(earlier.length ? { lastEffectiveDate: earlier[earlier.length - 1].effectiveDate } : {}),
      rateCardDates: new Set(earlier.filter((a) => a.changes.rateCard).map((a) => a.effectiveDate)),
      milestones,
      roles,
    };
  }
}

/** The changes as stored: only the parts present, plain objects (the content hash reads this). */
function normalizeChanges(c: AmendmentChanges): AmendmentChanges {
  const money = (m: { amountMinor: number; currency: string }) => ({
    amountMinor: m.amountMinor,
    currency: m.currency,
  });
  return {
    ...(c.rateCard
      ? { rateCard: { rates: c.rateCard.rates.map((r) => ({ role: r.role, hourlyRate: money(r.hourlyRate) })) } }
      : {}),
    ...(c.budget ? { budget: money(c.budget) } : {}),
    ...(c.endDate ? { endDate: c.endDate } : {}),
    ...(c.milestones?.length
      ? {
          milestones: c.milestones.map((m) => ({
            ...(m.id ? { id: m.id } : {}),
            name: m.name,
            amount: money(m.amount),
            dueDate: m.dueDate,
          })),
        }
      : {}),
  };
}

/** Whitelists what leaves. */
export function toAmendmentResponse(row: ContractAmendmentEntity): AmendmentDto {
  return {
    id: row.id,
    projectCode: row.projectCode,
    projectId: row.projectId,
    legalEntity: row.legalEntity,
    sequence: row.sequence,
    effectiveDate: row.effectiveDate,
    reason: row.reason,
    changes: row.changes,
    status: row.status,
    steps: (row.steps ?? []).map((s) => ({
      name: s.name,
      status: s.status,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      ...(s.vendorIds ? { vendorIds: s.vendorIds } : {}),
      ...(s.error ? { error: s.error } : {}),
    })),
    ...(row.rateCard
      ? {
          rateCardVersion: {
            rateCardId: row.rateCard.rateCardId,
            versionId: row.rateCard.versionId,
            effectiveFrom: row.effectiveDate,
            billRates: row.rateCard.billRates,
          },
        }
      : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.appliedAt ? { appliedAt: row.appliedAt.toISOString() } : {}),
  };
}
