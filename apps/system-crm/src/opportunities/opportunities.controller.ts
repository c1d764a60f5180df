import { OpportunityDto, OpportunityListDto } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListOpportunitiesQueryDto } from './dto/list-opportunities-query.dto';
import { OpportunityIdParamDto } from './dto/opportunity-id-param.dto';
import { OpportunitiesService } from './opportunities.service';

@ApiTags('opportunities')
@Controller('system/crm/v1/opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  /** Opportunities from the CRM in the canonical model, optionally of one stage. */
  @Get()
  @ApiOperation({ operationId: 'listOpportunities', summary: 'List opportunities' })
  list(@Query() query: ListOpportunitiesQueryDto): Promise<OpportunityListDto> {
    return this.opportunities.list({ stage: query.stage });
  }

  /** One opportunity by canonical id (or by the CRM's own id). */
  @Get(':id')
  @ApiOperation({ operationId: 'getOpportunity', summary: 'Get an opportunity' })
  get(@Param() params: OpportunityIdParamDto): Promise<OpportunityDto> {
    return this.opportunities.get(params.id);
  }
}
