import { OpportunityDto, OpportunityListDto, OpportunityWriteBackDto, OpportunityWriteDto } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AMBIGUOUS_ID, VENDOR_REJECTED } from '../common/responses';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { ListOpportunitiesQueryDto } from './dto/list-opportunities-query.dto';
import { OpportunityIdParamDto } from './dto/opportunity-id-param.dto';
import { OpportunitiesService } from './opportunities.service';

@ApiTags('opportunities')
@ProductScopes('crm')
@Controller('system/crm/v1/opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  /** Opportunities from the CRM in the canonical model, optionally of one stage (without line items). */
  @Get()
  @ApiOperation({ operationId: 'listOpportunities', summary: 'List opportunities' })
  list(@Query() query: ListOpportunitiesQueryDto): Promise<OpportunityListDto> {
    return this.opportunities.list({ stage: query.stage });
  }

  /** One opportunity by canonical id (or by the CRM's own id), with its line items (`lineItems`, all of them). */
  @Get(':id')
  @ApiOperation({ operationId: 'getOpportunity', summary: 'Get an opportunity with its line items' })
  get(@Param() params: OpportunityIdParamDto): Promise<OpportunityDto> {
    return this.opportunities.get(params.id);
  }

  /**
   * Creates or updates the opportunity whose canonical id is `id` (Salesforce: an upsert by
   * `External_Id__c`), so a retry never makes a second record: 201 created, 200 updated. `accountId`
   * is the account's canonical id (422 naming `accountId` when the CRM has no such account). Optional
   * fields left out are cleared, except `projectCode`. The CRM refusing the data: 422 problem+json
   * with `vendor`, `vendorCode` and the canonical `field`.
   */
  @Put(':id')
  @ApiOperation({ operationId: 'upsertOpportunity', summary: 'Create or update an opportunity (safe to retry)' })
  @ApiCreatedResponse({ type: OpportunityDto, description: 'Created' })
  @ApiOkResponse({ type: OpportunityDto, description: 'Updated (it existed)' })
  @ApiUnprocessableEntityResponse({ description: VENDOR_REJECTED })
  @ApiConflictResponse({ description: AMBIGUOUS_ID })
  async upsert(
    @Param() params: OpportunityIdParamDto,
    @Body() body: OpportunityWriteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpportunityDto> {
    const { created, value } = await this.opportunities.upsert(params.id, body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /** Writes the project code and/or the stage back to the opportunity once the project is provisioned. */
  @Patch(':id')
  @ApiOperation({ operationId: 'writeBackOpportunity', summary: 'Write the project code and stage back' })
  @ApiUnprocessableEntityResponse({ description: VENDOR_REJECTED })
  writeBack(@Param() params: OpportunityIdParamDto, @Body() body: OpportunityWriteBackDto): Promise<OpportunityDto> {
    return this.opportunities.writeBack(params.id, body);
  }
}
