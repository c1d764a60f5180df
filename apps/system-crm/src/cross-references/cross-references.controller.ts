import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { CRM_ADAPTER, CrmAdapter } from '../adapters/crm-adapter';
import { CrossReferenceStore } from './cross-reference.store';
import { CrmCrossReferenceListDto, CrossReferenceQueryDto } from './dto/cross-reference.dto';

@ApiTags('cross-references')
@ProductScopes('crm')
@Controller('system/crm/v1/cross-references')
export class CrossReferencesController {
  constructor(
    private readonly store: CrossReferenceStore,
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
  ) {}

  /**
   * Canonical id <-> CRM id of every record system-crm has read or written (accounts, opportunities,
   * their line items, contracts), filtered and paged (`limit`, `offset`; `total` counts all pages).
   */
  @Get()
  @ApiOperation({ operationId: 'listCrmCrossReferences', summary: 'List cross-references' })
  async list(@Query() query: CrossReferenceQueryDto): Promise<CrmCrossReferenceListDto> {
    const { items, total } = await this.store.find(this.crm.system, {
      resource: query.resource,
      canonicalId: query.canonicalId,
      vendorId: query.vendorId,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    });
    return {
      total,
      items: items.map((r) => ({
        resource: r.resource as CrmCrossReferenceListDto['items'][number]['resource'],
        canonicalId: r.canonicalId,
        system: r.system,
        vendorId: r.vendorId,
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  }
}
