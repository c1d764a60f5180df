import { RateCardDto } from '@app/contracts';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiProperty, ApiOperation, ApiSchema, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IsArray } from 'class-validator';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';

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
}
