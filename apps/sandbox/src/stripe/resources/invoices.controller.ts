import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { allowOnly, optEnum, optInt, optString } from '../common/params';
import { StripeApiError } from '../common/stripe-api.error';
import { paramsOf } from '../common/stripe-request';
import { ListFilter, StripeList, StripeObject, StripeStore } from '../store/stripe-store';
import { StripeBillingService } from './stripe-billing.service';
import { parseSearchQuery } from './search-query';
import { expand, requestInfo, StripeResource } from './stripe-resource';

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;

@Controller('v1/invoices')
@StripeResource()
export class StripeInvoicesController {
  constructor(
    private readonly billing: StripeBillingService,
    private readonly store: StripeStore,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    return expand(this.store, await this.billing.createInvoice(params, requestInfo(req)), params);
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
      'status',
      'collection_method',
      'created',
      'due_date',
    ]);
    const filter: ListFilter = {};
    const customer = optString(params, 'customer');
    if (customer) filter.customer = customer;
    const status = optEnum(params, 'status', STATUSES);
    if (status) filter.status = status;
    const method = optEnum(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const);
    if (method) filter.contains = { collection_method: method };
    return expand(this.store, await this.store.list('invoice', '/v1/invoices', params, filter), params);
  }

  /**
   * Stripe's search (`query` in its query language, `limit`, `page` = the previous `next_page`):
   * newest first, `{object: 'search_result', data, has_more, next_page}`.
   */
  @Get('search')
  async search(@Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    allowOnly(params, ['query', 'limit', 'page']);
    const query = optString(params, 'query');
    if (!query) throw StripeApiError.missingParam('query');
    const page = optString(params, 'page');
    const list = await this.store.list(
      'invoice',
      '/v1/invoices/search',
      { limit: params.limit ?? '10', ...(page ? { starting_after: page } : {}) },
      parseSearchQuery(query),
    );
    const last = list.data[list.data.length - 1];
    return {
      object: 'search_result',
      url: '/v1/invoices/search',
      has_more: list.has_more,
      next_page: list.has_more && last ? (last.id as string) : null,
      data: list.data,
    };
  }

  @Get(':id')
  async retrieve(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return expand(this.store, await this.store.get('invoice', id), paramsOf(req));
  }

  @Post(':id')
  @HttpCode(200)
  async update(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.updateInvoice(id, paramsOf(req));
  }

  @Delete(':id')
  async remove(@Param('id') id: string): Promise<unknown> {
    return this.billing.deleteInvoice(id);
  }

  @Post(':id/finalize')
  @HttpCode(200)
  async finalize(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    return expand(this.store, await this.billing.finalize(id, params, requestInfo(req)), params);
  }

  @Post(':id/send')
  @HttpCode(200)
  async send(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.send(id, paramsOf(req), requestInfo(req));
  }

  @Post(':id/pay')
  @HttpCode(200)
  async pay(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.pay(id, paramsOf(req), requestInfo(req));
  }

  @Post(':id/void')
  @HttpCode(200)
  async void(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.voidInvoice(id, paramsOf(req), requestInfo(req));
  }

  @Post(':id/mark_uncollectible')
  @HttpCode(200)
  async uncollectible(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.markUncollectible(id, paramsOf(req), requestInfo(req));
  }

  /** The invoice's lines, paged like any list (newest... in invoice order, as Stripe shows them). */
  @Get(':id/lines')
  async lines(@Param('id') id: string, @Req() req: FastifyRequest): Promise<StripeList> {
    const params = paramsOf(req);
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'expand']);
    return pageArray(await this.billing.lines(id), `/v1/invoices/${id}/lines`, params);
  }
}

/** Pages an in-memory list in its order (invoice lines, credit note lines). */
export function pageArray(all: StripeObject[], url: string, params: Record<string, unknown>): StripeList {
  const p = params as Parameters<typeof optInt>[0];
  const limit = optInt(p, 'limit', 1, 100) ?? 10;
  const after = optString(p, 'starting_after');
  const before = optString(p, 'ending_before');
  let start = 0;
  let end = all.length;
  if (after) {
    const i = all.findIndex((o) => o.id === after);
    if (i < 0) throw StripeApiError.invalid(`No such line item: '${after}'`, 'starting_after', 'resource_missing');
    start = i + 1;
  }
  if (before) {
    const i = all.findIndex((o) => o.id === before);
    if (i < 0) throw StripeApiError.invalid(`No such line item: '${before}'`, 'ending_before', 'resource_missing');
    end = i;
    start = Math.max(0, end - limit);
    return { object: 'list', url, has_more: start > 0, data: all.slice(start, end) };
  }
  const data = all.slice(start, Math.min(end, start + limit));
  return { object: 'list', url, has_more: start + limit < end, data };
}
