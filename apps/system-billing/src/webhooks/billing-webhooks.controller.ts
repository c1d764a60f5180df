import { BadRequestProblem, PublicRoute } from '@app/platform';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BillingWebhooksService, WebhookOutcome } from './billing-webhooks.service';
import { RawBodyRequest } from './raw-body.parser';

/** Public: Stripe calls it directly, not through the gateway; each delivery is verified by its Stripe-Signature. */
@PublicRoute()
@ApiTags('webhooks')
@Controller('system/billing/v1/webhooks')
export class BillingWebhooksController {
  constructor(private readonly webhooks: BillingWebhooksService) {}

  /**
   * Stripe's webhook endpoint: the `Stripe-Signature` is verified on the raw body (401 when it does
   * not verify, 400 when missing); invoice events become canonical events (each Stripe event once).
   */
  @Post('stripe')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async stripe(@Req() req: FastifyRequest): Promise<WebhookOutcome> {
    const raw = (req as unknown as RawBodyRequest).rawBody;
    if (raw === undefined) throw new BadRequestProblem('the webhook body must be application/json');
    return this.webhooks.handle(raw, req.headers);
  }
}
