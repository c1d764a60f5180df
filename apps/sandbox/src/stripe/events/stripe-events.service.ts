import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newStripeId } from '../common/stripe-request';
import { nowSeconds } from '../common/params';
import { StripeObject, StripeStore } from '../store/stripe-store';
import { stripeSandboxConfig, StripeSandboxSettings } from '../stripe-sandbox.config';
import { stripeSignatureHeader } from './stripe-signature';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

export const SANDBOX_API_VERSION = '2026-10-28.endive';
const MAX_DELAY_MS = 3_600_000;

/**
 * Events (`evt_...`, listed at /v1/events) and their webhook deliveries: each event goes to every
 * enabled endpoint that subscribed to its type (`*` = all) and to SANDBOX_STRIPE_WEBHOOK_URL, signed
 * with the endpoint's secret, retried with exponential backoff until a 2xx.
 */
@Injectable()
export class StripeEventsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('StripeWebhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly aborts = new Set<AbortController>();

  constructor(
    private readonly store: StripeStore,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @Inject(stripeSandboxConfig.KEY) private readonly config: StripeSandboxSettings,
  ) {}

  /** Records an event about `object` and queues its deliveries (in the caller's transaction). */
  async emit(
    manager: EntityManager,
    type: string,
    object: StripeObject,
    previousAttributes?: Record<string, unknown>,
    request?: { id: string | null; idempotency_key: string | null },
  ): Promise<StripeObject> {
    const event: StripeObject = {
      id: newStripeId('evt'),
      object: 'event',
      api_version: SANDBOX_API_VERSION,
      created: nowSeconds(),
      data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
      livemode: false,
      pending_webhooks: 0,
      request: request ?? { id: null, idempotency_key: null },
      type,
    };
    const targets: Array<{ endpointId: string; url: string; secret: string }> = [];
    if (this.config.webhookUrl)
      targets.push({ endpointId: 'config', url: this.config.webhookUrl, secret: this.config.webhookSecret });
    for (const ep of await this.store.all<StripeObject>('webhook_endpoint', {}, manager)) {
      const events = (ep.enabled_events as string[]) ?? [];
      if (ep.status === 'enabled' && (events.includes('*') || events.includes(type))) {
        targets.push({ endpointId: ep.id, url: ep.url as string, secret: ep.secret as string });
      }
    }
    event.pending_webhooks = targets.length;
    await this.store.save(event, manager);
    const now = new Date();
    for (const t of targets) {
      await manager.getRepository(WebhookDeliveryEntity).insert({
        eventId: event.id,
        endpointId: t.endpointId,
        url: t.url,
        secret: t.secret,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastStatus: null,
        lastError: null,
        deliveredAt: null,
      });
    }
    return event;
  }

  onApplicationBootstrap(): void {
    this.schedule(50);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const a of this.aborts) a.abort();
    await this.running?.catch(() => undefined);
  }

  /** Deliver what is due now (after a write that emitted events). */
  kick(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) {
      this.schedule(50);
      return;
    }
    this.running = this.deliverDue()
      .then(() => undefined)
      .catch((e: unknown) => this.log.warn({ err: e }, 'webhook delivery pass failed'))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
    if (this.stopped) return;
    const next = await this.deliveries
      .createQueryBuilder('d')
      .select('MIN(d.next_attempt_at)', 'at')
      .where("d.state = 'pending'")
      .getRawOne<{ at: Date | null }>()
      .catch(() => undefined);
    const at = next?.at ? new Date(next.at).getTime() : undefined;
    this.schedule(at === undefined ? 1000 : Math.min(1000, Math.max(0, at - Date.now())));
  }

  /** One pass over the due deliveries (also callable from tests through the control API). */
  async deliverDue(): Promise<number> {
    const due = await this.deliveries
      .createQueryBuilder('d')
      .where("d.state = 'pending' AND d.next_attempt_at <= now()")
      .orderBy('d.id', 'ASC')
      .take(50)
      .getMany();
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: WebhookDeliveryEntity): Promise<void> {
    const event = await this.store.find('event', d.eventId);
    if (!event) {
      await this.deliveries.update({ id: d.id }, { state: 'failed', lastError: 'event gone' });
      return;
    }
    const body = JSON.stringify(event, null, 2);
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.config.webhookTimeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': stripeSignatureHeader(body, d.secret),
        },
        body,
        signal: abort.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    const attempts = d.attempts + 1;
    if (status !== null && status >= 200 && status < 300) {
      await this.deliveries.update(
        { id: d.id },
        { state: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: new Date() },
      );
      await this.decrementPending(d.eventId);
      return;
    }
    const failed = attempts >= this.config.webhookMaxAttempts;
    const delay = Math.min(MAX_DELAY_MS, this.config.webhookRetryBaseMs * 2 ** (attempts - 1));
    await this.deliveries.update(
      { id: d.id },
      {
        state: failed ? 'failed' : 'pending',
        attempts,
        lastStatus: status,
        lastError: error ?? `HTTP ${status}`,
        nextAttemptAt: new Date(Date.now() + delay),
      },
    );
    if (failed) await this.decrementPending(d.eventId);
  }

  private async decrementPending(eventId: string): Promise<void> {
    const event = await this.store.find('event', eventId);
    if (!event) return;
    event.pending_webhooks = Math.max(0, Number(event.pending_webhooks ?? 1) - 1);
    await this.store.save(event);
  }

  async deliveryLog(): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries.find({ order: { id: 'ASC' } });
  }

  async clear(): Promise<void> {
    await this.deliveries.query(`TRUNCATE ${this.deliveries.metadata.tablePath} RESTART IDENTITY`);
  }
}
