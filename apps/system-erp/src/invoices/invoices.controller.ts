import { ErpInvoiceDto, ErpInvoiceInputDto } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';

@ApiTags('invoices')
@ProductScopes('erp')
@Controller('system/erp/v1/invoices')
export class InvoicesController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Creates a draft invoice with its lines (safe to retry: a repeated create returns the invoice). */
  @Post()
  @ApiOperation({ operationId: 'createErpInvoice', summary: 'Create a draft invoice' })
  create(@Body() body: ErpInvoiceInputDto): Promise<ErpInvoiceDto> {
    return this.erp.createInvoice(body);
  }

  /** The invoice with its lines, posting and payment status. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpInvoice', summary: 'Get an invoice' })
  get(@Param() params: IdParamDto): Promise<ErpInvoiceDto> {
    return this.erp.getInvoice(params.id);
  }

  /** Posts the invoice to the ledger (idempotent). */
  @Post(':id/post')
  @HttpCode(200)
  @ApiOperation({ operationId: 'postErpInvoice', summary: 'Post an invoice' })
  post(@Param() params: IdParamDto): Promise<ErpInvoiceDto> {
    return this.erp.postInvoice(params.id);
  }
}
