import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CallerIdentity, ProductScopes } from '@app/platform';
import { ApiProblems } from '../common/api-problems';
import { ApiConsumerIdHeader, ConsumerId } from './consumer-id.decorator';
import { DeadLetterOperationsService } from './dead-letter-operations.service';
import { DeadLetterDto, DeadLetterListDto, ReplayResultDto } from './dto/dead-letter.dto';
import {
  DeadLetterActionRequestDto,
  DeadLetterIdParamsDto,
  ReplayMatchingRequestDto,
} from './dto/dead-letter-requests.dto';
import { ListDeadLettersQueryDto } from './dto/list-dead-letters.query.dto';

@ApiTags('dead-letters')
@ProductScopes('operations')
@Controller('process/operations/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly operations: DeadLetterOperationsService) {}

  /** Dead letters of the process layer, most recent failure first, filtered by group, type, status, since. */
  @Get()
  @ApiOkResponse({ type: DeadLetterListDto })
  @ApiProblems(400)
  list(@Query() query: ListDeadLettersQueryDto, @Caller() caller: CallerIdentity): Promise<DeadLetterListDto> {
    return this.operations.list(query, caller);
  }

  /** Replays every open dead letter matching the filter; each is audited. */
  @Post('replay')
  @HttpCode(202)
  @ApiConsumerIdHeader()
  @ApiAcceptedResponse({ type: ReplayResultDto })
  @ApiProblems(400)
  replayMatching(
    @ConsumerId() actor: string,
    @Body() body: ReplayMatchingRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<ReplayResultDto> {
    return this.operations.replayMatching(body.filter, { actor, reason: body.reason }, caller);
  }

  /** One dead letter with its event, error and audit trail. */
  @Get(':id')
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblems(400, 403, 404)
  get(@Param() params: DeadLetterIdParamsDto, @Caller() caller: CallerIdentity): Promise<DeadLetterDto> {
    return this.operations.get(params.id, caller);
  }

  /** Sends an open dead letter's event again to its consumer group (which still ignores it if already handled). */
  @Post(':id/replay')
  @HttpCode(202)
  @ApiConsumerIdHeader()
  @ApiAcceptedResponse({ type: DeadLetterDto })
  @ApiProblems(400, 403, 404, 409)
  replay(
    @ConsumerId() actor: string,
    @Param() params: DeadLetterIdParamsDto,
    @Body() body: DeadLetterActionRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<DeadLetterDto> {
    return this.operations.replay(params.id, { actor, reason: body.reason }, caller);
  }

  /** Closes a dead letter by hand (handled elsewhere, or dropped on purpose). */
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiConsumerIdHeader()
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblems(400, 403, 404, 409)
  resolve(
    @ConsumerId() actor: string,
    @Param() params: DeadLetterIdParamsDto,
    @Body() body: DeadLetterActionRequestDto,
    @Caller() caller: CallerIdentity,
  ): Promise<DeadLetterDto> {
    return this.operations.resolve(params.id, { actor, reason: body.reason }, caller);
  }
}
