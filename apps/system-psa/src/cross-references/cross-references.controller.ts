import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { CrossReferenceDto, CrossReferenceParamsDto } from './cross-reference.dto';
import { CrossReferencesService } from './cross-references.service';

@ApiTags('cross-references')
@ProductScopes('psa')
@Controller('system/psa/v1/cross-references')
export class CrossReferencesController {
  constructor(private readonly refs: CrossReferencesService) {}

  /** The PSA ids of a canonical object. */
  @Get(':kind/:id')
  @ApiOperation({ operationId: 'getCrossReference', summary: 'Get the PSA ids of a canonical object' })
  get(@Param() params: CrossReferenceParamsDto): Promise<CrossReferenceDto> {
    return this.refs.find(params.kind, params.id);
  }
}
