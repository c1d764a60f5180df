import { InvoiceDto } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IdParamDto } from '../common/id-param.dto';
import { InvoicePaymentStatusDto } from './dto/invoice-payment-status.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@Controller('system/billing/v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

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
}
