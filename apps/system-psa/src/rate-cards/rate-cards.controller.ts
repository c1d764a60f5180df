import { RateCardDto } from '@app/contracts';
import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { NotFoundProblem, ProductScopes } from '@app/platform';
import { IsArray } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';
import { CreateRateCardVersionDto, RateCardIdParamDto } from './dto/rate-card-requests.dto';

@ApiSchema({ name: 'PsaRateCardList' })
export class RateCardListDto {
  @ApiProperty({ type: () => [RateCardDto] })
  @IsArray()
  items: RateCardDto[];
}

@ApiTags('rate-cards')
@ProductScopes('psa')
@Controller('system/psa/v1/rate-cards')
export class RateCardsController {
  constructor(@Inject(PSA_ADAPTER) private readonly psa: PsaAdapter) {}

  /** Bill rates by role with their effective-dated versions, one card per currency. */
  @Get()
  @ApiOperation({ operationId: 'listRateCards', summary: 'List rate cards' })
  async list(): Promise<RateCardListDto> {
    return { items: await this.psa.listRateCards() };
  }

  /**
   * Adds an effective-dated version to the card. Versions never overlap: the new one must start after
   * every existing one, and the previous open-ended version then ends the day before (its `effectiveTo`,
   * exclusive, becomes this `effectiveFrom`). Safe to retry: the same date and rates answer 200 with
   * the card; the same date with other rates is 409; an earlier date than the latest version is 409.
   */
  @Post(':id/versions')
  @ApiOperation({ operationId: 'createRateCardVersion', summary: 'Add an effective-dated rate card version' })
  @ApiCreatedResponse({ type: RateCardDto, description: 'Created; the card with every version' })
  @ApiOkResponse({ type: RateCardDto, description: 'Already existed (a retry)' })
  async createVersion(
    @Param() params: RateCardIdParamDto,
    @Body() body: CreateRateCardVersionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RateCardDto> {
    const result = await this.psa.createRateCardVersion(params.id, body);
    if (!result) throw new NotFoundProblem(`rate card ${params.id} does not exist in ${this.psa.system}`);
    void reply.status(result.created ? 201 : 200);
    return result.value;
  }
}
