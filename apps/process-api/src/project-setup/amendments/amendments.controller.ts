import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../../common/api-problems';
import { AmendmentsService, toAmendmentResponse } from './amendments.service';
import {
  AmendmentDto,
  AmendmentListDto,
  AmendmentParamsDto,
  CreateAmendmentRequestDto,
  ProjectCodeParamsDto,
} from './dto/amendment.dto';

/**
 * Contract amendments (change orders) of a provisioned project, v2: record one (propagated to the PSA,
 * the ERP and the billing schedule in the background), read the project's history and one amendment.
 */
@ApiTags('amendments')
@ProductScopes('project-setup')
@Controller('process/project-setup/v2/projects/:code/amendments')
export class AmendmentsV2Controller {
  constructor(private readonly amendments: AmendmentsService) {}

  /**
   * Records an effective-dated amendment and propagates it (202; follow `status` and `steps` with GET).
   * The same changes for the same effective date answer the amendment already recorded (200), never a
   * second one. 404 unknown project code, 409 not provisioned yet, 422 every rule broken (currency,
   * effective date within the contract and not before an earlier amendment, end date after the
   * start, unknown or already billed milestones, roles not on the rate card).
   */
  @Post()
  @ApiAcceptedResponse({ type: AmendmentDto, description: 'Recorded; propagation under way' })
  @ApiOkResponse({ type: AmendmentDto, description: 'The same amendment, already recorded' })
  @ApiProblems(400, 403, 404, 409, 422)
  async create(
    @Param() params: ProjectCodeParamsDto,
    @Body() body: CreateAmendmentRequestDto,
    @Caller() caller: CallerIdentity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AmendmentDto> {
    const { row, created } = await this.amendments.create(params.code, body, caller);
    void reply.status(created ? 202 : 200);
    return toAmendmentResponse(row);
  }

  /** The project's amendments, oldest first: its contract history. */
  @Get()
  @ApiOkResponse({ type: AmendmentListDto })
  @ApiProblems(400, 403, 404)
  async list(@Param() params: ProjectCodeParamsDto, @Caller() caller: CallerIdentity): Promise<AmendmentListDto> {
    const rows = await this.amendments.list(params.code, caller);
    return { items: rows.map(toAmendmentResponse), total: rows.length };
  }

  /** One amendment with its propagation steps. */
  @Get(':id')
  @ApiOkResponse({ type: AmendmentDto })
  @ApiProblems(400, 403, 404)
  async get(@Param() params: AmendmentParamsDto, @Caller() caller: CallerIdentity): Promise<AmendmentDto> {
    return toAmendmentResponse(await this.amendments.get(params.code, params.id, caller));
  }
}

/** v1 (deprecated): the amendment operation under the path issue 5 names; the history is read on v2. */
@ApiTags('amendments')
@ProductScopes('project-setup')
@Controller('process/project-setup/v1/projects/:code/amendments')
export class AmendmentsV1Controller {
  constructor(private readonly amendments: AmendmentsService) {}

  /** Records an effective-dated amendment, as v2 does (202 recorded, 200 the same one again). */
  @Post()
  @ApiAcceptedResponse({ type: AmendmentDto, description: 'Recorded; propagation under way' })
  @ApiOkResponse({ type: AmendmentDto, description: 'The same amendment, already recorded' })
  @ApiProblems(400, 403, 404, 409, 422)
  async create(
    @Param() params: ProjectCodeParamsDto,
    @Body() body: CreateAmendmentRequestDto,
    @Caller() caller: CallerIdentity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AmendmentDto> {
    const { row, created } = await this.amendments.create(params.code, body, caller);
    void reply.status(created ? 202 : 200);
    return toAmendmentResponse(row);
  }
}
