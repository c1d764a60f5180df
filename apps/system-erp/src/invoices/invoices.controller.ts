import { ErpInvoiceDto, ErpInvoiceInputDto } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';
import { ErpInvoiceListDto, ListErpInvoicesQueryDto } from './dto/list-erp-invoices.dto';
import { ERP_INVOICE_FINDER, ErpInvoiceFinder } from './invoice-finder';

@ApiTags('invoices')
@ProductScopes('erp')
@Controller('system/erp/v1/invoices')
export class InvoicesController {
  constructor(
    private readonly erp: ErpRecordsService,
    @Inject(ERP_INVOICE_FINDER) private readonly finder: ErpInvoiceFinder,
  ) {}

  /**
   * Invoices created through this API, newest first, by project, invoice date (`from`/`to`) and
   * document number (our canonical id, i.e. the external document number, or the ERP's own), paged
   * by `limit`/`offset`: for reconciliation, and to find an invoice before retrying a create whose
   * outcome is unknown.
   */
  @Get()
  @ApiOperation({ operationId: 'listErpInvoices', summary: 'List invoices' })
  async list(@Query() query: ListErpInvoicesQueryDto): Promise<ErpInvoiceListDto> {
    const ids = await this.finder.find(query);
    const offset = query.offset ?? 0;
    const page = ids.slice(offset, offset + (query.limit ?? 50));
    const items = [];
    for (const id of page) items.push(await this.erp.getInvoice(id));
    return { items, total: ids.length };
  }

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
