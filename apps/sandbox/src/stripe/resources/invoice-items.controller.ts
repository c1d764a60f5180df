import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { allowOnly, optBool, optString } from '../common/params';
import { paramsOf } from '../common/stripe-request';
import { ListFilter, StripeList, StripeStore } from '../store/stripe-store';
import { StripeBillingService } from './stripe-billing.service';
import { expand, StripeResource } from './stripe-resource';

@Controller('v1/invoiceitems')
@StripeResource()
export class StripeInvoiceItemsController {
  constructor(
    private readonly billing: StripeBillingService,
    private readonly store: StripeStore,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    return expand(this.store, await this.billing.createInvoiceItem(params), params);
  }

  @Get()
  async list(@Req() req: FastifyRequest): Promise<StripeList> {
    const params = paramsOf(req);
    allowOnly(params, [
      'limit',
      'starting_after',
      'ending_before',
      'expand',
      'customer',
      'invoice',
      'pending',
      'created',
    ]);
    const filter: ListFilter = {};
    const customer = optString(params, 'customer');
    const invoice = optString(params, 'invoice');
    if (customer) filter.customer = customer;
    if (invoice) filter.invoice = invoice;
    if (optBool(params, 'pending')) filter.contains = { invoice: null };
    return expand(this.store, await this.store.list('invoiceitem', '/v1/invoiceitems', params, filter), params);
  }

  @Get(':id')
  async retrieve(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return expand(this.store, await this.store.get('invoiceitem', id), paramsOf(req));
  }

  @Post(':id')
  @HttpCode(200)
  async update(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.updateInvoiceItem(id, paramsOf(req));
  }

  @Delete(':id')
  async remove(@Param('id') id: string): Promise<unknown> {
    return this.billing.deleteInvoiceItem(id);
  }
}
