import { OpportunityDto, OpportunityListDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CRM_ADAPTER, CrmAdapter, OpportunityFilter } from '../adapters/crm-adapter';

/** Reads canonical opportunities from the configured CRM. */
@Injectable()
export class OpportunitiesService {
  constructor(@Inject(CRM_ADAPTER) private readonly crm: CrmAdapter) {}

  async list(filter: OpportunityFilter): Promise<OpportunityListDto> {
    return { items: await this.crm.listOpportunities(filter) };
  }

  async get(id: string): Promise<OpportunityDto> {
    const opportunity = await this.crm.getOpportunity(id);
    if (!opportunity) throw new NotFoundProblem(`Opportunity ${id} does not exist in ${this.crm.system}`);
    return opportunity;
  }
}
