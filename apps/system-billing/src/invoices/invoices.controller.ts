import { CreditNoteDto, CreditNoteInputDto, CreditNoteListDto, InvoiceDto } from '@app/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { IdParamDto } from '../common/id-param.dto';
import { InvoicePaymentStatusDto } from './dto/invoice-payment-status.dto';
import { BillingInvoiceListDto, ListBillingInvoicesQueryDto } from './dto/list-invoices.dto';
import { CreditNotesService } from './credit-notes.service';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@ProductScopes('billing')
@Controller('system/billing/v1/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly creditNotes: CreditNotesService,
  ) {}

  /**
   * Creates the draft invoice and its lines at the billing platform (201). Safe to repeat: the same
   * canonical id returns the invoice already created (200), never a second one.
   */
  @Post()
  @HttpCode(201)
  @ApiOkResponse({ type: InvoiceDto, description: 'The invoice already existed' })
  @ApiOperation({ operationId: 'createBillingInvoice', summary: 'Create an invoice' })
  async create(@Body() body: InvoiceDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<InvoiceDto> {
    const { invoice, created } = await this.invoices.create(body);
    if (!created) void reply.status(200);
    return invoice;
  }

  /**
   * The invoices at the billing platform for a project (`projectId`, from the invoice's metadata), a
   * customer and/or a creation window (`from`/`to`, UTC days), newest first, paged by `nextPage`.
   * For reconciliation, and to find an invoice before retrying a create whose outcome is unknown.
   */
  @Get()
  @ApiOperation({ operationId: 'listBillingInvoices', summary: 'List invoices' })
  list(@Query() query: ListBillingInvoicesQueryDto): Promise<BillingInvoiceListDto> {
    return this.invoices.list(query);
  }

  /** The invoice by canonical id, with its status, number and payments at the billing platform. */
  @Get(':id')
  @ApiOperation({ operationId: 'getBillingInvoice', summary: 'Get an invoice' })
  get(@Param() params: IdParamDto): Promise<InvoiceDto> {
    return this.invoices.get(params.id);
  }

  /** Finalizes a draft (numbered, due date set); a finalized invoice is returned as it is. */
  @Post(':id/finalize')
  @HttpCode(200)
  @ApiOperation({ operationId: 'finalizeBillingInvoice', summary: 'Finalize an invoice' })
  finalize(@Param() params: IdParamDto): Promise<InvoiceDto> {
    return this.invoices.finalize(params.id);
  }

  /** Sends a finalized invoice to the customer's billing email. */
  @Post(':id/send')
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendBillingInvoice', summary: 'Send an invoice' })
  send(@Param() params: IdParamDto): Promise<InvoiceDto> {
    return this.invoices.send(params.id);
  }

  /** Voids a finalized, unpaid invoice (409 for a draft or a paid one). */
  @Post(':id/void')
  @HttpCode(200)
  @ApiOperation({ operationId: 'voidBillingInvoice', summary: 'Void an invoice' })
  void(@Param() params: IdParamDto): Promise<InvoiceDto> {
    return this.invoices.void(params.id);
  }

  /** Payment status of the invoice. */
  @Get(':id/payment')
  @ApiOperation({ operationId: 'getBillingInvoicePayment', summary: 'Get an invoice payment status' })
  payment(@Param() params: IdParamDto): Promise<InvoicePaymentStatusDto> {
    return this.invoices.paymentStatus(params.id);
  }

  /**
   * Issues a credit note against a finalized (open or paid) invoice: a total `amount` or `lines`
   * (invoice lines by canonical id, or custom lines). What exceeds the amount still due goes to the
   * customer balance or is recorded as settled outside the platform (`settlement`). Safe to repeat
   * with the same `id` or Idempotency-Key (200 with the note already issued).
   */
  @Post(':id/credit-notes')
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Identity of the create when the body has no id',
  })
  @ApiOkResponse({ type: CreditNoteDto, description: 'The credit note already existed' })
  @ApiOperation({ operationId: 'createBillingCreditNote', summary: 'Credit an invoice' })
  async createCreditNote(
    @Param() params: IdParamDto,
    @Body() body: CreditNoteInputDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreditNoteDto> {
    const { note, created } = await this.creditNotes.create(params.id, body, idempotencyKey);
    if (!created) void reply.status(200);
    return note;
  }

  /** The invoice's credit notes, oldest first (every page). */
  @Get(':id/credit-notes')
  @ApiOperation({ operationId: 'listBillingCreditNotes', summary: 'List the credit notes of an invoice' })
  listCreditNotes(@Param() params: IdParamDto): Promise<CreditNoteListDto> {
    return this.creditNotes.list(params.id);
  }
}
