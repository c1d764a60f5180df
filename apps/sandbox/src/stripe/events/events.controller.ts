import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { allowOnly, optString } from '../common/params';
import { paramsOf } from '../common/stripe-request';
import { StripeList, StripeObject, StripeStore } from '../store/stripe-store';
import { StripeBillingService } from '../resources/stripe-billing.service';
import { StripeResource } from '../resources/stripe-resource';

@Controller('v1/events')
@StripeResource()
export class StripeEventsController {
  constructor(private readonly store: StripeStore) {}

  /** Events newest first; `type` filters (`invoice.paid`, or a prefix wildcard `invoice.*`). */
  @Get()
  async list(@Req() req: FastifyRequest): Promise<StripeList> {
    const params = paramsOf(req);
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'delivery_success']);
    const type = optString(params, 'type');
    if (type && !type.endsWith('*')) return this.store.list('event', '/v1/events', params, { contains: { type } });
    const list = await this.store.list('event', '/v1/events', params);
    if (type) list.data = list.data.filter((e) => String(e.type).startsWith(type.slice(0, -1)));
    return list;
  }

  @Get(':id')
  retrieve(@Param('id') id: string): Promise<StripeObject> {
    return this.store.get('event', id);
  }
}

function withoutSecret(ep: StripeObject): StripeObject {
  const { secret: _secret, ...rest } = ep;
  return rest as StripeObject;
}

/** Webhook endpoints: the signing secret is shown once, in the create answer (as Stripe does). */
@Controller('v1/webhook_endpoints')
@StripeResource()
export class StripeWebhookEndpointsController {
  constructor(
    private readonly store: StripeStore,
    private readonly billing: StripeBillingService,
  ) {}

  @Post()
  @HttpCode(200)
  create(@Req() req: FastifyRequest): Promise<StripeObject> {
    return this.billing.createWebhookEndpoint(paramsOf(req));
  }

  @Get()
  async list(@Req() req: FastifyRequest): Promise<StripeList> {
    const list = await this.store.list('webhook_endpoint', '/v1/webhook_endpoints', paramsOf(req));
    return { ...list, data: list.data.map(withoutSecret) };
  }

  @Get(':id')
  async retrieve(@Param('id') id: string): Promise<StripeObject> {
    return withoutSecret(await this.store.get('webhook_endpoint', id));
  }

  @Delete(':id')
  remove(@Param('id') id: string): Promise<StripeObject> {
    return this.billing.deleteWebhookEndpoint(id);
  }
}
