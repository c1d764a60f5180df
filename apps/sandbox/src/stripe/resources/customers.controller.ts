import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { allowOnly, optString } from '../common/params';
import { paramsOf } from '../common/stripe-request';
import { StripeList, StripeStore } from '../store/stripe-store';
import { StripeBillingService } from './stripe-billing.service';
import { expand, StripeResource } from './stripe-resource';

const LIST = ['limit', 'starting_after', 'ending_before', 'expand', 'email', 'created'];

@Controller('v1/customers')
@StripeResource()
export class StripeCustomersController {
  constructor(
    private readonly billing: StripeBillingService,
    private readonly store: StripeStore,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: FastifyRequest): Promise<unknown> {
    const params = paramsOf(req);
    return expand(this.store, await this.billing.createCustomer(params), params);
  }

  @Get()
  async list(@Req() req: FastifyRequest): Promise<StripeList> {
    const params = paramsOf(req);
    allowOnly(params, LIST);
    const email = optString(params, 'email');
    return this.store.list('customer', '/v1/customers', params, email ? { contains: { email } } : {});
  }

  @Get(':id')
  async retrieve(@Param('id') id: string): Promise<unknown> {
    return this.store.get('customer', id);
  }

  @Post(':id')
  @HttpCode(200)
  async update(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.billing.updateCustomer(id, paramsOf(req));
  }

  @Delete(':id')
  async remove(@Param('id') id: string): Promise<unknown> {
    return this.billing.deleteCustomer(id);
  }
}
