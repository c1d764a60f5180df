import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { workflowFields } from '../dto/provisioning-step.dto';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../../common/api-problems';
import { ProvisioningIdParamsDto } from '../dto/provisioning-id.params.dto';
import { ProvisioningEntity } from '../provisioning.entity';
import { ProvisioningService } from '../provisioning.service';
import {
  ListProvisioningsV2QueryDto,
  ProvisioningDealV2Dto,
  ProvisioningV2Dto,
  ProvisioningV2ListDto,
  StartProvisioningRequestDto,
} from './provisioning-v2.dto';

@ApiTags('provisionings')
@ProductScopes('project-setup')
@Controller('process/project-setup/v2/provisionings')
export class ProvisioningV2Controller {
  constructor(private readonly provisionings: ProvisioningService) {}

  /** Provisionings of won deals, newest first, by status and legal entity. */
  @Get()
  @ApiOkResponse({ type: ProvisioningV2ListDto })
  @ApiProblems(400)
  async list(
    @Query() query: ListProvisioningsV2QueryDto,
    @Caller() caller: CallerIdentity,
  ): Promise<ProvisioningV2ListDto> {
    const { rows, total } = await this.provisionings.page(query, caller);
    return { items: rows.map(toV2), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Starts provisioning a Closed Won opportunity read from the CRM (as the `opportunity.closed_won` event
   * does). Idempotent by opportunity: a repeated or concurrent request answers the same provisioning.
   */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ProvisioningV2Dto })
  @ApiProblems(400, 403, 404, 409)
  async start(@Body() body: StartProvisioningRequestDto, @Caller() caller: CallerIdentity): Promise<ProvisioningV2Dto> {
    return toV2((await this.provisionings.start(body.opportunityId, caller)).row);
  }

  /** One provisioning. */
  @Get(':id')
  @ApiOkResponse({ type: ProvisioningV2Dto })
  @ApiProblems(400, 403, 404)
  async get(@Param() params: ProvisioningIdParamsDto, @Caller() caller: CallerIdentity): Promise<ProvisioningV2Dto> {
    return toV2(await this.provisionings.find(params.id, caller));
  }
}

/** Whitelists what leaves, in v2's shape. */
export function toV2(row: ProvisioningEntity): ProvisioningV2Dto {
  const o = row.opportunity;
  const deal: ProvisioningDealV2Dto = {
    id: o.id,
    crossReferences: { ...(o.crossReferences ?? {}) },
    name: o.name,
    closeDate: o.closeDate,
  };
  if (o.accountId) deal.customerId = o.accountId;
  if (o.amount) deal.contractValue = { amountMinor: o.amount.amountMinor, currency: o.amount.currency };
  return {
    id: row.id,
    dealId: row.opportunityId,
    legalEntity: o.legalEntity ?? null,
    status: row.status,
    deal,
    sourceEventId: row.sourceEventId,
    correlationId: row.correlationId,
    createdAt: row.receivedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...workflowFields(row),
  };
}
