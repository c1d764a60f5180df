import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../common/api-problems';
import { ListProvisioningsQueryDto } from './dto/list-provisionings.query.dto';
import { ProvisioningIdParamsDto } from './dto/provisioning-id.params.dto';
import { ProvisioningDto, ProvisioningListDto } from './dto/provisioning.dto';
import { ProvisioningService, toResponse } from './provisioning.service';
import { StartProvisioningRequestDto } from './v2/provisioning-v2.dto';

@ApiTags('provisionings')
@ProductScopes('project-setup')
@Controller('process/project-setup/v1/provisionings')
export class ProvisioningController {
  constructor(private readonly provisionings: ProvisioningService) {}

  /** Provisionings recorded from won deals, newest first, optionally by status. */
  @Get()
  @ApiOkResponse({ type: ProvisioningListDto })
  @ApiProblems(400)
  list(@Query() query: ListProvisioningsQueryDto, @Caller() caller: CallerIdentity): Promise<ProvisioningListDto> {
    return this.provisionings.list(query, caller);
  }

  /** Starts provisioning a Closed Won opportunity (same as v2); idempotent by opportunity. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ProvisioningDto })
  @ApiProblems(400, 403, 404, 409)
  async start(@Body() body: StartProvisioningRequestDto, @Caller() caller: CallerIdentity): Promise<ProvisioningDto> {
    return toResponse((await this.provisionings.start(body.opportunityId, caller)).row);
  }

  /** One provisioning. */
  @Get(':id')
  @ApiOkResponse({ type: ProvisioningDto })
  @ApiProblems(400, 403, 404)
  get(@Param() params: ProvisioningIdParamsDto, @Caller() caller: CallerIdentity): Promise<ProvisioningDto> {
    return this.provisionings.get(params.id, caller);
  }
}
