import {
  ErpItemMappingDto,
  ErpLegalEntityMappingDto,
  ErpMappingsDto,
  ErpTaxRateDto,
  ErpTaxRateInputDto,
  ErpTaxRateListDto,
} from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, PickType } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { MappingsService } from './mappings.service';

export class LegalEntityMappingBodyDto extends PickType(ErpLegalEntityMappingDto, ['target', 'currency'] as const) {}
export class ItemMappingBodyDto extends PickType(ErpItemMappingDto, ['target', 'billingClass'] as const) {}

/**
 * The firm's mapping tables (data, not code): legal entity -> ERP subsidiary/company and role -> ERP
 * item and billing class for the configured ERP, and the firm's tax table.
 */
@ApiTags('mappings')
@ProductScopes('erp')
@Controller('system/erp/v1/mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsService) {}

  /** Every table of this firm (the ERP-specific ones for the configured ERP). */
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

  /** Maps a role to the ERP item its time is billed as, and its billing class. */
  @Put('items/:role')
  @ApiOperation({ operationId: 'putErpItemMapping', summary: 'Map a role to an ERP item and billing class' })
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

  /** The tax table, optionally for one legal entity and/or customer country. */
  @Get('tax-rates')
  @ApiOperation({ operationId: 'listErpTaxRates', summary: 'Read the tax table' })
  @ApiQuery({ name: 'legalEntityId', required: false })
  @ApiQuery({ name: 'customerCountry', required: false, description: 'ISO 3166-1 alpha-2' })
  async listTaxRates(
    @Query('legalEntityId') legalEntityId?: string,
    @Query('customerCountry') customerCountry?: string,
  ): Promise<ErpTaxRateListDto> {
    const filter = {
      ...(legalEntityId ? { legalEntityId } : {}),
      ...(customerCountry ? { customerCountry } : {}),
    };
    return { items: await this.mappings.listTaxRates(filter) };
  }

  /** The rate in force on a date; 422 `unmapped-value` (table `tax-rates`) when there is none. */
  @Get('tax-rates/:legalEntityId/:customerCountry')
  @ApiOperation({ operationId: 'resolveErpTaxRate', summary: 'The tax rate in force on a date' })
  @ApiQuery({ name: 'date', required: true, description: 'ISO date (the invoice date)' })
  resolveTaxRate(
    @Param('legalEntityId') legalEntityId: string,
    @Param('customerCountry') customerCountry: string,
    @Query('date') date: string,
  ): Promise<ErpTaxRateDto> {
    return this.mappings.taxRate(legalEntityId, customerCountry, date ?? '');
  }

  /** Creates or replaces the row effective from a date (409 when it overlaps another row). */
  @Put('tax-rates/:legalEntityId/:customerCountry/:effectiveFrom')
  @ApiOperation({ operationId: 'putErpTaxRate', summary: 'Set a tax rate from a date' })
  putTaxRate(
    @Param('legalEntityId') legalEntityId: string,
    @Param('customerCountry') customerCountry: string,
    @Param('effectiveFrom') effectiveFrom: string,
    @Body() body: ErpTaxRateInputDto,
  ): Promise<ErpTaxRateDto> {
    return this.mappings.putTaxRate({ legalEntityId, customerCountry, effectiveFrom }, body);
  }

  /** Removes one tax rate period: invoices dated in it are then refused (422) unless another period covers them. */
  @Delete('tax-rates/:legalEntityId/:customerCountry/:effectiveFrom')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteErpTaxRate', summary: 'Remove a tax rate row' })
  deleteTaxRate(
    @Param('legalEntityId') legalEntityId: string,
    @Param('customerCountry') customerCountry: string,
    @Param('effectiveFrom') effectiveFrom: string,
  ): Promise<void> {
    return this.mappings.deleteTaxRate({ legalEntityId, customerCountry, effectiveFrom });
  }
}
