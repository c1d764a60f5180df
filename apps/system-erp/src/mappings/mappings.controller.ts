import { ErpItemMappingDto, ErpLegalEntityMappingDto, ErpMappingsDto } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import { MappingsService } from './mappings.service';

export class LegalEntityMappingBodyDto extends PickType(ErpLegalEntityMappingDto, ['target', 'currency'] as const) {}
export class ItemMappingBodyDto extends PickType(ErpItemMappingDto, ['target'] as const) {}

/** The firm's mapping tables for the configured ERP (data, not code). */
@ApiTags('mappings')
@Controller('system/erp/v1/mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsService) {}

  /** Legal entity -> ERP subsidiary/company and role -> ERP item, for this firm. */
  @Get()
  @ApiOperation({ operationId: 'getErpMappings', summary: 'Read the mapping tables' })
  read(): Promise<ErpMappingsDto> {
    return this.mappings.read();
  }

  /** Maps a legal entity to an ERP subsidiary (NetSuite) or company (Business Central), with its currency. */
  @Put('legal-entities/:legalEntityId')
  @ApiOperation({ operationId: 'putErpLegalEntityMapping', summary: 'Map a legal entity' })
  putLegalEntity(
    @Param('legalEntityId') legalEntityId: string,
    @Body() body: LegalEntityMappingBodyDto,
  ): Promise<ErpLegalEntityMappingDto> {
    return this.mappings.putLegalEntity({ legalEntityId, ...body });
  }

  /** Removes a legal entity mapping: records of that entity are then refused (422). */
  @Delete('legal-entities/:legalEntityId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteErpLegalEntityMapping', summary: 'Unmap a legal entity' })
  deleteLegalEntity(@Param('legalEntityId') legalEntityId: string): Promise<void> {
    return this.mappings.deleteLegalEntity(legalEntityId);
  }

  /** Maps a role to the ERP item its time is billed as. */
  @Put('items/:role')
  @ApiOperation({ operationId: 'putErpItemMapping', summary: 'Map a role to an ERP item' })
  putItem(@Param('role') role: string, @Body() body: ItemMappingBodyDto): Promise<ErpItemMappingDto> {
    return this.mappings.putItem({ role, ...body });
  }

  /** Removes a role mapping: time and invoice lines of that role are then refused (422). */
  @Delete('items/:role')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteErpItemMapping', summary: 'Unmap a role' })
  deleteItem(@Param('role') role: string): Promise<void> {
    return this.mappings.deleteItem(role);
  }
}
