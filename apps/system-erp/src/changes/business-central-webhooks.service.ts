import { ProblemError } from '@app/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { businessCentralConfig, BusinessCentralSettings } from '../adapters/business-central/business-central.config';
import { BusinessCentralErpAdapter } from '../adapters/business-central/business-central-erp.adapter';
import { BcNotification, BcSubscription } from '../adapters/business-central/business-central.types';
import { ERP_ADAPTER, ErpAdapter, InvoiceChange } from '../adapters/erp-adapter';
import { MappingsService } from '../mappings/mappings.service';
import { ErpSubscriptionEntity } from './entities/erp-subscription.entity';
import { InvoiceChangeTracker } from './invoice-change-tracker';

const VENDOR = 'business-central';
const NOTIFIED = /companies\(([0-9a-fA-F-]{36})\)\/salesInvoices\(([0-9a-fA-F-]{36})\)$/;

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Not the active ERP, or notifications not configured: the webhook endpoint does not exist. */
class WebhooksOffProblem extends ProblemError {
  constructor() {
    super({
      status: 404,
      type: 'not-found',
      title: 'Not Found',
      detail:
        'Business Central notifications are not enabled (ERP_VENDOR=business-central and BUSINESS_CENTRAL_NOTIFICATION_URL)',
    });
  }
}

/**
 * Business Central webhooks: one subscription per mapped company on `salesInvoices` (created with
 * the validation-token handshake, persisted with a random client state, renewed before BC's
 * three-day expiry, re-created when BC lost it), and the notifications: each checked against its
 * subscription's client state, the changed invoice fetched and handed to the change tracker
 * (`invoice.posted`, `invoice.paid` through the outbox, exactly once with the polled feed).
 */
@Injectable()
export class BusinessCentralWebhooks implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('BusinessCentralWebhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;
  private checking: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    @Inject(businessCentralConfig.KEY) private readonly config: BusinessCentralSettings,
    @InjectRepository(ErpSubscriptionEntity) private readonly subscriptions: Repository<ErpSubscriptionEntity>,
    private readonly mappings: MappingsService,
    private readonly tracker: InvoiceChangeTracker,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return this.erp.vendor === VENDOR && !!this.config.notificationUrl;
  }

  private get bc(): BusinessCentralErpAdapter {
    return this.erp as BusinessCentralErpAdapter;
  }

  /** Subscribes once the HTTP server listens (BC calls back during the handshake), then checks periodically. */
  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.stopped = false;
    this.schedule(1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.ensureSubscriptions()
        .then(() => this.schedule(this.config.subscriptionCheckMs))
        .catch((error: unknown) => {
          this.log.warn({ err: error }, 'Business Central subscriptions: check failed; retrying');
          this.schedule(Math.min(this.config.subscriptionCheckMs, 30_000));
        });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Every mapped company has a live subscription to its salesInvoices: created when missing or
   * gone at BC, renewed (PATCH with its etag) when it expires within the renewal window.
   */
  ensureSubscriptions(now = new Date()): Promise<{ created: number; renewed: number }> {
    if (!this.enabled) return Promise.reject(new WebhooksOffProblem());
    // One check at a time in this process (the timer and a caller never subscribe twice).
    const run = this.checking.then(() => this.check(now));
    this.checking = run.catch(() => undefined);
    return run;
  }

  /** Under a PostgreSQL advisory lock: several system-erp instances never subscribe twice. */
  private check(now: Date): Promise<{ created: number; renewed: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['system_erp:bc-subscriptions']);
      return this.checkLocked(now, manager.getRepository(ErpSubscriptionEntity));
    });
  }

  private async checkLocked(
    now: Date,
    subscriptions: Repository<ErpSubscriptionEntity>,
  ): Promise<{ created: number; renewed: number }> {
    const url = this.config.notificationUrl!;
    let created = 0;
    let renewed = 0;
    for (const entity of await this.mappings.allLegalEntities()) {
      const resource = `api/v2.0/companies(${entity.target})/salesInvoices`;
      const known = await subscriptions.findOne({ where: { vendor: VENDOR, resource } });
      if (
        known &&
        known.notificationUrl === url &&
        known.expiresAt.getTime() - now.getTime() > this.config.subscriptionRenewBeforeMs
      )
        continue;
      let sub: BcSubscription | undefined;
      if (known) {
        const current = await this.bc.getSubscription(known.subscriptionId);
        sub = current
          ? await this.bc.renewSubscription({ ...current, notificationUrl: url, clientState: known.clientState })
          : undefined;
        if (sub) renewed++;
      }
      if (!sub) {
        const clientState = known?.clientState ?? randomBytes(24).toString('base64url');
        sub = await this.bc.createSubscription(resource, url, clientState);
        created++;
      }
      await subscriptions.save({
        vendor: VENDOR,
        resource,
        subscriptionId: sub.subscriptionId,
        scope: entity.target,
        clientState: sub.clientState,
        notificationUrl: url,
        expiresAt: new Date(sub.expirationDateTime),
        etag: sub['@odata.etag'] ?? null,
      });
      this.log.log({ resource, expiresAt: sub.expirationDateTime }, 'Business Central subscription live');
    }
    return { created, renewed };
  }

  /**
   * Handles one notification POST. Entries of unknown subscriptions or with a wrong client state
   * are dropped (counted as rejected); each invoice changed is read from BC (the notification only
   * names it) and recorded.
   */
  async handle(body: unknown): Promise<{ accepted: number; rejected: number; events: number }> {
    if (!this.enabled) throw new WebhooksOffProblem();
    const value = (body as { value?: unknown })?.value;
    if (!Array.isArray(value))
      throw new ProblemError({
        status: 400,
        type: 'validation-failed',
        title: 'Validation failed',
        detail: 'A notification is {"value": [...]}',
        extra: { errors: [{ field: 'value', message: 'value must be an array of notifications' }] },
      });
    let accepted = 0;
    let rejected = 0;
    const changes = new Map<string, InvoiceChange>();
    for (const raw of value as BcNotification[]) {
      const sub =
        typeof raw?.subscriptionId === 'string'
          ? await this.subscriptions.findOne({ where: { vendor: VENDOR, subscriptionId: raw.subscriptionId } })
          : null;
      if (!sub || typeof raw.clientState !== 'string' || !sameSecret(raw.clientState, sub.clientState)) {
        rejected++;
        continue;
      }
      accepted++;
      const m = typeof raw.resource === 'string' ? NOTIFIED.exec(raw.resource) : null;
      if (!m || raw.changeType === 'deleted') continue;
      const change = await this.bc.invoiceChangeOf(m[1], m[2]);
      if (change) changes.set(change.invoice.id, change);
    }
    if (rejected)
      this.log.warn(
        { rejected },
        'Business Central notifications with an unknown subscription or client state dropped',
      );
    const { events } = changes.size ? await this.tracker.record([...changes.values()]) : { events: 0 };
    return { accepted, rejected, events };
  }
}
