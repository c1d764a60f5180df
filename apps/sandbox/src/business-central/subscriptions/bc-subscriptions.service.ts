import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { MoreThan, Repository } from 'typeorm';
import { BcError } from '../common/bc-error';
import { BcChange, BcEntitiesService } from '../entities/bc-entities.service';
import { BcSubscriptionEntity } from './entities/bc-subscription.entity';

const RESOURCE = /^\/?api\/v2\.0\/companies\(([0-9a-fA-F-]{36})\)\/([A-Za-z]+)$/;
const LIFETIME_MS = 3 * 24 * 3600 * 1000;

/**
 * Webhook subscriptions: the validation-token handshake at creation (the sandbox POSTs to
 * `notificationUrl?validationToken=...` and expects 200 with the token echoed as the body), then
 * change notifications `{"value":[{subscriptionId, clientState, expirationDateTime, resource,
 * changeType, lastModifiedDateTime}]}` POSTed after each committed change of the resource.
 */
@Injectable()
export class BcSubscriptionsService implements OnModuleInit {
  private readonly log = new Logger('BusinessCentralSubscriptions');

  constructor(
    @InjectRepository(BcSubscriptionEntity) private readonly subscriptions: Repository<BcSubscriptionEntity>,
    private readonly entities: BcEntitiesService,
  ) {}

  onModuleInit(): void {
    this.entities.onChange((changes) => void this.notify(changes));
  }

  async create(body: unknown, baseResource: (s: BcSubscriptionEntity) => string): Promise<Record<string, unknown>> {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.notificationUrl !== 'string' || !/^https?:\/\//.test(b.notificationUrl))
      throw BcError.badRequest('BadRequest', 'notificationUrl must be an http(s) URL.');
    const m = typeof b.resource === 'string' ? RESOURCE.exec(b.resource) : null;
    if (!m) throw BcError.badRequest('BadRequest', "resource must look like 'api/v2.0/companies(<id>)/<entitySet>'.");
    const company = await this.entities.company(m[1]);
    const def = this.entities.setOrThrow(m[2]);
    await this.handshake(b.notificationUrl);
    const sub = await this.subscriptions.save(
      this.subscriptions.create({
        subscriptionId: randomUUID().replace(/-/g, ''),
        notificationUrl: b.notificationUrl,
        resource: `api/v2.0/companies(${company.id})/${def.name}`,
        companyId: company.id,
        entitySet: def.name,
        clientState: typeof b.clientState === 'string' ? b.clientState : '',
        expiresAt: new Date(Date.now() + LIFETIME_MS),
      }),
    );
    return this.render(sub, baseResource);
  }

  async get(id: string, baseResource: (s: BcSubscriptionEntity) => string): Promise<Record<string, unknown>> {
    return this.render(await this.find(id), baseResource);
  }

  /**
   * Renewal as Business Central does it: PATCH with the subscription's `If-Match` etag (412 when
   * stale), a new validation handshake, and the expiration moved to three days from now; the
   * notification URL and client state may change with it.
   */
  async renew(
    id: string,
    ifMatch: string | undefined,
    body: unknown,
    baseResource: (s: BcSubscriptionEntity) => string,
  ): Promise<Record<string, unknown>> {
    const sub = await this.find(id);
    if (!ifMatch) throw BcError.badRequest('BadRequest', 'Could not find a property named If-Match; it is required.');
    const etag = this.render(sub, baseResource)['@odata.etag'];
    if (ifMatch !== '*' && ifMatch !== etag)
      throw new BcError(412, 'Request_EntityChanged', 'Another user has already changed the record.');
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.notificationUrl !== undefined) {
      if (typeof b.notificationUrl !== 'string' || !/^https?:\/\//.test(b.notificationUrl))
        throw BcError.badRequest('BadRequest', 'notificationUrl must be an http(s) URL.');
      sub.notificationUrl = b.notificationUrl;
    }
    if (typeof b.clientState === 'string') sub.clientState = b.clientState;
    await this.handshake(sub.notificationUrl);
    sub.expiresAt = new Date(Date.now() + LIFETIME_MS);
    sub.version += 1;
    return this.render(await this.subscriptions.save(sub), baseResource);
  }

  private async find(id: string): Promise<BcSubscriptionEntity> {
    const sub = await this.subscriptions.findOne({ where: { subscriptionId: id.replace(/^'|'$/g, '') } });
    if (!sub || sub.expiresAt <= new Date())
      throw new BcError(404, 'BadRequest_NotFound', `The subscription '${id}' does not exist.`);
    return sub;
  }

  /** POSTs `?validationToken=` to the URL and requires the token echoed with 200. */
  private async handshake(notificationUrl: string): Promise<void> {
    const token = randomBytes(16).toString('hex');
    const handshake = await this.post(
      `${notificationUrl}${notificationUrl.includes('?') ? '&' : '?'}validationToken=${token}`,
      undefined,
    );
    if (!handshake || handshake.status !== 200 || handshake.text.trim() !== token) {
      throw BcError.badRequest(
        'Application_ValidationFailed',
        `The subscription was not validated: ${notificationUrl} did not echo the validation token.`,
      );
    }
  }

  async list(baseResource: (s: BcSubscriptionEntity) => string): Promise<Array<Record<string, unknown>>> {
    const rows = await this.subscriptions.find({ where: { expiresAt: MoreThan(new Date()) } });
    return rows.map((r) => this.render(r, baseResource));
  }

  async remove(id: string): Promise<void> {
    const result = await this.subscriptions.delete({ subscriptionId: id.replace(/^'|'$/g, '') });
    if (!result.affected) throw new BcError(404, 'BadRequest_NotFound', `The subscription '${id}' does not exist.`);
  }

  render(s: BcSubscriptionEntity, baseResource: (s: BcSubscriptionEntity) => string): Record<string, unknown> {
    return {
      '@odata.etag': `W/"${Buffer.from(`${s.version};${s.subscriptionId}`).toString('base64')}"`,
      subscriptionId: s.subscriptionId,
      notificationUrl: s.notificationUrl,
      resource: baseResource(s),
      userId: '00000000-0000-0000-0000-000000000001',
      lastModifiedDateTime: new Date(s.expiresAt.getTime() - LIFETIME_MS).toISOString(),
      clientState: s.clientState,
      expirationDateTime: s.expiresAt.toISOString(),
      systemCreatedAt: new Date(s.expiresAt.getTime() - LIFETIME_MS).toISOString(),
    };
  }

  private async notify(changes: BcChange[]): Promise<void> {
    try {
      const subs = await this.subscriptions.find({ where: { expiresAt: MoreThan(new Date()) } });
      for (const sub of subs) {
        const mine = changes.filter((c) => c.companyId === sub.companyId && c.entitySet === sub.entitySet);
        if (mine.length === 0) continue;
        await this.post(sub.notificationUrl, {
          value: mine.map((c) => ({
            subscriptionId: sub.subscriptionId,
            clientState: sub.clientState,
            expirationDateTime: sub.expiresAt.toISOString(),
            resource: `${sub.resource}(${c.id})`,
            changeType: c.changeType,
            lastModifiedDateTime: c.at.toISOString(),
          })),
        });
      }
    } catch (error) {
      this.log.warn({ err: error }, 'change notification failed');
    }
  }

  private async post(url: string, body: unknown): Promise<{ status: number; text: string } | undefined> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      return { status: res.status, text: await res.text() };
    } catch (error) {
      this.log.warn({ err: error, url }, 'notification URL unreachable');
      return undefined;
    }
  }
}
