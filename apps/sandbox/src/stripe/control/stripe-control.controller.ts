import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { scaleOfResetBody } from '../../common/demo-firm';
import { StripeIdempotencyInterceptor } from '../api/idempotency.interceptor';
import { StripeRateLimiter } from '../api/rate-limiter';
import { StripeApiError } from '../common/stripe-api.error';
import { StripeEventsService } from '../events/stripe-events.service';
import { StripeBillingService } from '../resources/stripe-billing.service';
import { StripeSeedService } from '../seed/stripe-seed.service';
import { StripeObject, StripeStore } from '../store/stripe-store';
import { SimulatePaymentDto, StripeFaultsDto, StripeRateLimitDto } from './dto/stripe-control.dto';
import { StripeFaults, StripeFaultsService } from './stripe-faults.service';
import { NotFoundProblem, UnprocessableProblem } from '@app/platform';

/**
 * Test and demo control of the Stripe sandbox, outside Stripe's `/v1` tree (our API: problem+json).
 */
@Controller('__sandbox')
export class StripeControlController {
  constructor(
    private readonly store: StripeStore,
    private readonly faults: StripeFaultsService,
    private readonly limiter: StripeRateLimiter,
    private readonly idempotency: StripeIdempotencyInterceptor,
    private readonly events: StripeEventsService,
    private readonly billing: StripeBillingService,
    private readonly seed: StripeSeedService,
  ) {}

  /** Empty account plus the seed; faults, rate-limit window, idempotency keys and deliveries cleared. */
  @Post('reset')
  @HttpCode(200)
  async reset(@Body() body?: unknown): Promise<{ objects: Record<string, number> }> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    this.limiter.reset();
    await this.idempotency.expireAll();
    await this.events.clear();
    await this.store.clear();
    await this.seed.seed(scale);
    return { objects: await this.store.count() };
  }

  @Get('state')
  async state(): Promise<{
    objects: Record<string, number>;
    faults: StripeFaults;
    rateLimit: number;
    webhookDeliveries: Record<string, number>;
  }> {
    const deliveries: Record<string, number> = {};
    for (const d of await this.events.deliveryLog()) deliveries[d.state] = (deliveries[d.state] ?? 0) + 1;
    return {
      objects: await this.store.count(),
      faults: this.faults.current(),
      rateLimit: this.limiter.currentLimit,
      webhookDeliveries: deliveries,
    };
  }

  @Post('faults')
  @HttpCode(204)
  setFaults(@Body() dto: StripeFaultsDto): void {
    this.faults.set({ ...dto });
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  @Post('rate-limit')
  @HttpCode(204)
  setRateLimit(@Body() dto: StripeRateLimitDto): void {
    this.limiter.setLimit(dto.limit);
    this.limiter.reset();
  }

  /** Every stored Idempotency-Key expires now (as if 24 hours had passed). */
  @Post('idempotency-keys/expire')
  @HttpCode(200)
  async expireKeys(): Promise<{ expired: number }> {
    return { expired: await this.idempotency.expireAll() };
  }

  /**
   * A payment attempt on an open invoice succeeds (invoice.paid; with an `amount` below what remains,
   * a partial payment: invoice.updated) or fails (invoice.payment_failed).
   */
  @Post('invoices/:id/payment')
  @HttpCode(200)
  async simulatePayment(@Param('id') id: string, @Body() dto: SimulatePaymentDto): Promise<StripeObject> {
    try {
      return await this.billing.simulatePayment(id, dto.outcome, dto.failureCode, dto.amount);
    } catch (e) {
      if (e instanceof StripeApiError && e.status === 404) throw new NotFoundProblem(e.message);
      if (e instanceof StripeApiError) throw new UnprocessableProblem(e.message);
      throw e;
    }
  }

  @Get('webhooks/deliveries')
  async deliveries(): Promise<unknown[]> {
    return (await this.events.deliveryLog()).map(({ secret: _s, ...d }) => d);
  }

  /** Deliver every due webhook now (instead of waiting for the next pass). */
  @Post('webhooks/deliver')
  @HttpCode(200)
  async deliver(): Promise<{ attempted: number }> {
    return { attempted: await this.events.deliverDue() };
  }
}
