import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { allowOnly, optString } from '../common/params';
import { paramsOf } from '../common/stripe-request';
import { ListFilter, StripeList, StripeObject, StripeStore } from '../store/stripe-store';
import { pageArray } from './invoices.controller';
import { StripeBillingService } from './stripe-billing.service';
import { expand, requestInfo, StripeResource } from './stripe-resource';

@Controller('v1/credit_notes')
@StripeResource()
export class StripeCreditNotesController {
  constructor(
    private readonly billing: StripeBillingService,
    private readonly store: StripeStore,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    return expand(this.store, await this.billing.createCreditNote(params, requestInfo(req)), params);
  }

  @Get()
  async list(@Req() req: FastifyRequest): Promise<StripeList> {
    const params = paramsOf(req);
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'expand', 'customer', 'invoice', 'created']);
    const filter: ListFilter = {};
    const customer = optString(params, 'customer');
    const invoice = optString(params, 'invoice');
    if (customer) filter.customer = customer;
    if (invoice) filter.invoice = invoice;
    return expand(this.store, await this.store.list('credit_note', '/v1/credit_notes', params, filter), params);
  }

  @Get(':id')
  async retrieve(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return expand(this.store, await this.store.get('credit_note', id), paramsOf(req));
  }

  @Get(':id/lines')
  async lines(@Param('id') id: string, @Req() req: FastifyRequest): Promise<StripeList> {
    const cn = await this.store.get<StripeObject & { lines: StripeList }>('credit_note', id);
    return pageArray(cn.lines.data, `/v1/credit_notes/${id}/lines`, paramsOf(req));
  }
}
