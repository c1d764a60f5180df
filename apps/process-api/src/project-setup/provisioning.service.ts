import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OpportunityDto, validateContract } from '@app/contracts';
import { uuidv7 } from '@app/messaging';
import {
  CallerIdentity,
  ConflictProblem,
  Correlation,
  NotFoundProblem,
  UnprocessableProblem,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { SystemApiBusinessError, SystemCrmClient } from '../common/system-apis';
import { ListProvisioningsQueryDto } from './dto/list-provisionings.query.dto';
import { ProvisioningDto, ProvisioningListDto, ProvisioningOpportunityDto } from './dto/provisioning.dto';
import { workflowFields } from './dto/provisioning-step.dto';
import { ProvisioningEntity } from './provisioning.entity';
import { PROVISIONING_CHANNEL } from './provisioning.workflow';

/** Reads the provisionings recorded by the project-setup consumer. */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectRepository(ProvisioningEntity) private readonly provisionings: Repository<ProvisioningEntity>,
    private readonly crm: SystemCrmClient,
  ) {}

  /** Newest first; a consumer bound to legal entities sees only theirs. */
  async list(query: ListProvisioningsQueryDto, caller: CallerIdentity): Promise<ProvisioningListDto> {
    const { rows, total } = await this.page(query, caller);
    return { items: rows.map(toResponse), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, caller: CallerIdentity): Promise<ProvisioningDto> {
    return toResponse(await this.find(id, caller));
  }

  /** One page of provisionings (any API version), newest first, within the caller's legal entities. */
  async page(
    query: { status?: string; legalEntity?: string; from?: string; to?: string; limit: number; offset: number },
    caller: CallerIdentity,
  ): Promise<{ rows: ProvisioningEntity[]; total: number }> {
    const qb = this.provisionings
      .createQueryBuilder('p')
      .orderBy('p.receivedAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.from) qb.andWhere('p.receivedAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('p.receivedAt < :to', { to: new Date(query.to) });
    if (query.legalEntity) qb.andWhere(`p.opportunity ->> 'legalEntity' = :one`, { one: query.legalEntity });
    const entities = caller.entityFilter();
    if (entities) qb.andWhere(`p.opportunity ->> 'legalEntity' = ANY(:entities)`, { entities });
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  /**
   * Starts the provisioning of a won opportunity named by a caller (as `opportunity.closed_won` does):
   * read from system-crm, it must be Closed Won; one provisioning per opportunity, so a repeated or
   * concurrent request answers the same one.
   */
  async start(opportunityId: string, caller: CallerIdentity): Promise<{ row: ProvisioningEntity; created: boolean }> {
    const existing = await this.provisionings.findOneBy({ opportunityId });
    if (existing) {
      caller.assertSees(existing.opportunity.legalEntity, `Provisioning ${existing.id}`);
      return { row: existing, created: false };
    }
    let found;
    try {
      found = await this.crm.getOpportunity(opportunityId);
    } catch (err) {
      if (err instanceof SystemApiBusinessError) throw new UnprocessableProblem(err.message);
      throw new UpstreamUnavailableProblem('system-crm', err instanceof Error ? err.message : String(err));
    }
    if (!found) throw new NotFoundProblem(`system-crm knows no opportunity ${opportunityId}`);
    const { value, problems } = validateContract(OpportunityDto, found, { forbidUnknown: false });
    if (problems.length)
      throw new UnprocessableProblem(`Opportunity ${opportunityId} is not usable: ${problems.join('; ')}`);
    const opportunity = { ...(found as unknown as OpportunityDto), id: value.id };
    caller.assertSees(opportunity.legalEntity, `Opportunity ${opportunityId}`);
    if (opportunity.stage !== 'closed-won')
      throw new ConflictProblem(`Opportunity ${opportunityId} is ${opportunity.stage}, not closed-won`, {
        stage: opportunity.stage,
      });
    const now = new Date();
    const inserted = await this.provisionings
      .createQueryBuilder()
      .insert()
      .values({
        id: uuidv7(),
        opportunityId: opportunity.id,
        status: 'received',
        opportunity,
        sourceEventId: uuidv7(),
        correlationId: Correlation.current()?.correlationId ?? uuidv7(),
        receivedAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (inserted.raw as unknown[]).length > 0;
    if (created) await this.provisionings.query(`SELECT pg_notify($1, '')`, [PROVISIONING_CHANNEL]); // runs now
    const row = await this.provisionings.findOneByOrFail({ opportunityId: opportunity.id });
    return { row, created };
  }

  /** One provisioning, 404 when unknown, 403 when it belongs to an entity the caller may not see. */
  async find(id: string, caller: CallerIdentity): Promise<ProvisioningEntity> {
    const row = await this.provisionings.findOneBy({ id });
    if (!row) throw new NotFoundProblem(`No provisioning with id ${id}`);
    caller.assertSees(row.opportunity.legalEntity, `Provisioning ${id}`);
    return row;
  }
}

/** Whitelists what leaves: a new column or a new opportunity field never leaks by accident. */
export function toResponse(row: ProvisioningEntity): ProvisioningDto {
  const o = row.opportunity;
  const opportunity: ProvisioningOpportunityDto = {
    id: o.id,
    crossReferences: { ...(o.crossReferences ?? {}) },
    name: o.name,
    closeDate: o.closeDate,
  };
  if (o.accountId) opportunity.accountId = o.accountId;
  if (o.amount) opportunity.amount = { amountMinor: o.amount.amountMinor, currency: o.amount.currency };
  if (o.legalEntity) opportunity.legalEntity = o.legalEntity;
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    legalEntity: o.legalEntity ?? null,
    status: row.status,
    opportunity,
    sourceEventId: row.sourceEventId,
    correlationId: row.correlationId,
    receivedAt: row.receivedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...workflowFields(row),
  };
}
