import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CallerIdentity, NotFoundProblem } from '@app/platform';
import { ListProvisioningsQueryDto } from './dto/list-provisionings.query.dto';
import { ProvisioningDto, ProvisioningListDto, ProvisioningOpportunityDto } from './dto/provisioning.dto';
import { workflowFields } from './dto/provisioning-step.dto';
import { ProvisioningEntity } from './provisioning.entity';

/** Reads the provisionings recorded by the project-setup consumer. */
@Injectable()
export class ProvisioningService {
  constructor(@InjectRepository(ProvisioningEntity) private readonly provisionings: Repository<ProvisioningEntity>) {}

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
    query: { status?: string; legalEntity?: string; limit: number; offset: number },
    caller: CallerIdentity,
  ): Promise<{ rows: ProvisioningEntity[]; total: number }> {
    const qb = this.provisionings
      .createQueryBuilder('p')
      .orderBy('p.receivedAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.legalEntity) qb.andWhere(`p.opportunity ->> 'legalEntity' = :one`, { one: query.legalEntity });
    const entities = caller.entityFilter();
    if (entities) qb.andWhere(`p.opportunity ->> 'legalEntity' = ANY(:entities)`, { entities });
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
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
