import { OpportunityDto, OpportunityListDto, OpportunityWriteBackDto, OpportunityWriteDto } from '@app/contracts';
import { NotFoundProblem, ValidationProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CRM_ADAPTER, CrmAdapter, OpportunityFilter, UpsertOutcome } from '../adapters/crm-adapter';
import { CrossReferenceStore } from '../cross-references/cross-reference.store';

/** Canonical opportunities in the configured CRM; every record read or written keeps its cross-reference. */
@Injectable()
export class OpportunitiesService {
  constructor(
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
    private readonly crossReferences: CrossReferenceStore,
  ) {}

  async list(filter: OpportunityFilter): Promise<OpportunityListDto> {
    const items = await this.crm.listOpportunities(filter);
    await this.crossReferences.record(this.crm.system, 'opportunity', items);
    return { items };
  }

  /** One opportunity with its line items. */
  async get(id: string): Promise<OpportunityDto> {
    const opportunity = await this.crm.getOpportunity(id, { lineItems: true });
    if (!opportunity) throw new NotFoundProblem(`Opportunity ${id} does not exist in ${this.crm.system}`);
    await this.remember(opportunity);
    return opportunity;
  }

  /** Creates or updates the opportunity with canonical id `id` (one CRM record per id). */
  async upsert(id: string, body: OpportunityWriteDto): Promise<UpsertOutcome<OpportunityDto>> {
    if (body.amount && body.budget && body.amount.currency !== body.budget.currency) {
      throw new ValidationProblem([
        {
          field: 'budget.currency',
          message: `budget.currency must be the amount's currency (${body.amount.currency}): an opportunity has one currency`,
        },
      ]);
    }
    const outcome = await this.crm.upsertOpportunity(id, body);
    await this.remember(outcome.value);
    return outcome;
  }

  /** Writes the project code and/or stage back to the opportunity (what provisioning reports). */
  async writeBack(id: string, body: OpportunityWriteBackDto): Promise<OpportunityDto> {
    if (body.projectCode === undefined && body.stage === undefined) {
      throw new ValidationProblem([{ field: 'projectCode', message: 'give projectCode, stage or both' }]);
    }
    const opportunity = await this.crm.writeBackOpportunity(id, body);
    if (!opportunity) throw new NotFoundProblem(`Opportunity ${id} does not exist in ${this.crm.system}`);
    await this.remember(opportunity);
    return opportunity;
  }

  private async remember(opportunity: OpportunityDto): Promise<void> {
    await this.crossReferences.record(this.crm.system, 'opportunity', [opportunity]);
    if (opportunity.lineItems?.length) {
      await this.crossReferences.record(this.crm.system, 'opportunity-line-item', opportunity.lineItems);
    }
  }
}
