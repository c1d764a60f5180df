import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { AMBIGUOUS_ID, VENDOR_REJECTED } from '../common/responses';
import { CrmInvoiceDto, CrmInvoiceIdParamDto, CrmInvoiceWriteDto } from './dto/crm-invoice.dto';
import { CrmInvoicesService } from './invoices.service';

@ApiTags('invoices')
@ProductScopes('crm')
@Controller('system/crm/v1/invoices')
export class CrmInvoicesController {
  constructor(private readonly invoices: CrmInvoicesService) {}

  /** The invoice's record on the CRM, by canonical invoice id. */
  @Get(':id')
  @ApiOperation({ operationId: 'getCrmInvoice', summary: 'Get an invoice record' })
  get(@Param() params: CrmInvoiceIdParamDto): Promise<CrmInvoiceDto> {
    return this.invoices.get(params.id);
  }

  /**
   * Creates (201) or updates (200) the invoice's record under its account, by canonical invoice id
   * (Salesforce: an upsert of `Invoice__c` by `External_Id__c`), so a retry never makes a second one.
   * An account, contract or opportunity the CRM does not have: 422 naming the field.
   */
  @Put(':id')
  @ApiOperation({ operationId: 'putCrmInvoice', summary: 'Create or update an invoice record (safe to retry)' })
  @ApiCreatedResponse({ type: CrmInvoiceDto, description: 'Created' })
  @ApiOkResponse({ type: CrmInvoiceDto, description: 'Updated' })
  @ApiUnprocessableEntityResponse({ description: VENDOR_REJECTED })
  @ApiConflictResponse({ description: AMBIGUOUS_ID })
  async put(
    @Param() params: CrmInvoiceIdParamDto,
    @Body() body: CrmInvoiceWriteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CrmInvoiceDto> {
    const { created, value } = await this.invoices.upsert(params.id, body);
    void reply.status(created ? 201 : 200);
    return value;
  }
}
