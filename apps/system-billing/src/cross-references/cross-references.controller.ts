import { NotFoundProblem, ProductScopes } from '@app/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BillingRecordsService } from './billing-records.service';
import { CrossReferenceDto, CrossReferenceParamsDto } from './cross-reference.dto';

@ApiTags('cross-references')
@ProductScopes('billing')
@Controller('system/billing/v1/cross-references')
export class CrossReferencesController {
  constructor(private readonly records: BillingRecordsService) {}

  /** The billing platform's id of a canonical customer or invoice. */
  @Get(':kind/:id')
  @ApiOperation({ operationId: 'getBillingCrossReference', summary: 'Get a cross-reference' })
  async get(@Param() params: CrossReferenceParamsDto): Promise<CrossReferenceDto> {
    const r = await this.records.find(params.kind, params.id);
    if (!r) throw new NotFoundProblem(`no billing ${params.kind} ${params.id}`);
    const dto: CrossReferenceDto = { kind: r.kind, canonicalId: r.canonicalId, system: r.system };
    if (r.vendorId) dto.vendorId = r.vendorId;
    if (r.status) dto.status = r.status;
    return dto;
  }
}
