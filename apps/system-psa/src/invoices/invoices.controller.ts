import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
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
import {
  CreatePsaInvoiceDto,
  PsaInvoiceDto,
  PsaInvoiceIdParamDto,
  PsaInvoicePaymentStateDto,
} from './dto/psa-invoice.dto';
import { PsaInvoicesService } from './invoices.service';

@ApiTags('invoices')
@ProductScopes('psa')
@Controller('system/psa/v1/invoices')
export class PsaInvoicesController {
  constructor(private readonly invoices: PsaInvoicesService) {}

  /**
   * Records the invoice in the PSA and marks its time entries, expenses and milestones invoiced,
   * exactly once per canonical invoice id: a retry answers 200 with the invoice already recorded.
   * Items another invoice already billed: 409 naming them; unknown, unapproved or other-project items:
   * 422 naming the field.
   */
  @Post()
  @ApiOperation({ operationId: 'createPsaInvoice', summary: 'Mark approved work invoiced (safe to retry)' })
  @ApiCreatedResponse({ type: PsaInvoiceDto, description: 'Recorded' })
  @ApiOkResponse({ type: PsaInvoiceDto, description: 'Already recorded (a retry)' })
  @ApiConflictResponse({ description: 'Some items are already invoiced by another invoice' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown, unapproved or other-project items' })
  async create(
    @Body() body: CreatePsaInvoiceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PsaInvoiceDto> {
    const { value, created } = await this.invoices.create(body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /** One invoice by canonical id. */
  @Get(':id')
  @ApiOperation({ operationId: 'getPsaInvoice', summary: 'Get an invoice' })
  get(@Param() params: PsaInvoiceIdParamDto): Promise<PsaInvoiceDto> {
    return this.invoices.get(params.id);
  }

  /** Sets the invoice's payment state (paid, partially paid with the amount remaining, overdue, voided). */
  @Put(':id/payment-status')
  @ApiOperation({ operationId: 'putPsaInvoicePaymentStatus', summary: 'Set an invoice payment status' })
  @ApiConflictResponse({ description: 'The invoice is paid or voided: its status no longer changes' })
  setPaymentState(
    @Param() params: PsaInvoiceIdParamDto,
    @Body() body: PsaInvoicePaymentStateDto,
  ): Promise<PsaInvoiceDto> {
    return this.invoices.setPaymentState(params.id, body);
  }
}
