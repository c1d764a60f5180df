import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { StripeParams } from '../common/form-params';
import { optInt, optString } from '../common/params';
import { StripeApiError } from '../common/stripe-api.error';
import { StripeObjectEntity } from './stripe-object.entity';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeList<T = StripeObject> {
  object: 'list';
  url: string;
  has_more: boolean;
  data: T[];
}

export interface ListFilter {
  customer?: string;
  invoice?: string;
  status?: string;
  /** Extra filter on the JSON (applied in SQL as `data @> filter`). */
  contains?: Record<string, unknown>;
  /** Bounds (inclusive, unix seconds) on the object's `created`. */
  created?: { gte?: number; lte?: number };
}

const NAMES: Record<string, string> = {
  customer: 'customer',
  invoiceitem: 'invoiceitem',
  invoice: 'invoice',
  credit_note: 'credit note',
  event: 'event',
  webhook_endpoint: 'webhook endpoint',
};

/** Stripe objects in PostgreSQL (`sandbox_stripe.objects`), newest first, cursor-paged. */
@Injectable()
export class StripeStore {
  constructor(@InjectRepository(StripeObjectEntity) private readonly repo: Repository<StripeObjectEntity>) {}

  private r(manager?: EntityManager): Repository<StripeObjectEntity> {
    return manager ? manager.getRepository(StripeObjectEntity) : this.repo;
  }

  async find<T extends StripeObject>(type: string, id: string, manager?: EntityManager): Promise<T | undefined> {
    const row = await this.r(manager).findOne({ where: { id, type } });
    return row ? (row.data as T) : undefined;
  }

  async get<T extends StripeObject>(type: string, id: string, param = 'id', manager?: EntityManager): Promise<T> {
    const found = await this.find<T>(type, id, manager);
    if (!found) throw StripeApiError.missing(NAMES[type] ?? type, id, param);
    return found;
  }

  async save(obj: StripeObject, manager?: EntityManager): Promise<void> {
    const str = (k: string) => {
      const v = obj[k];
      if (typeof v === 'string') return v;
      if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
      return null;
    };
    const repo = this.r(manager);
    const values = {
      type: obj.object,
      customer: str('customer'),
      invoice: str('invoice'),
      status: str('status'),
      data: obj,
    } as QueryDeepPartialEntity<StripeObjectEntity>;
    const existing = await repo.findOne({ where: { id: obj.id }, select: { id: true } });
    if (existing) await repo.update({ id: obj.id }, values);
    else await repo.insert({ id: obj.id, ...values } as QueryDeepPartialEntity<StripeObjectEntity>);
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    await this.r(manager).delete({ id });
  }

  async all<T extends StripeObject>(type: string, filter: ListFilter = {}, manager?: EntityManager): Promise<T[]> {
    const qb = this.r(manager).createQueryBuilder('o').where('o.type = :type', { type });
    this.applyFilter(qb, filter);
    const rows = await qb.orderBy('o.seq', 'ASC').getMany();
    return rows.map((r) => r.data as T);
  }

  async count(): Promise<Record<string, number>> {
    const rows = await this.repo
      .createQueryBuilder('o')
      .select('o.type', 'type')
      .addSelect('COUNT(*)::int', 'n')
      .groupBy('o.type')
      .getRawMany<{ type: string; n: number }>();
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  private applyFilter(qb: ReturnType<Repository<StripeObjectEntity>['createQueryBuilder']>, filter: ListFilter): void {
    if (filter.customer !== undefined) qb.andWhere('o.customer = :customer', { customer: filter.customer });
    if (filter.invoice !== undefined) qb.andWhere('o.invoice = :invoice', { invoice: filter.invoice });
    if (filter.status !== undefined) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.contains) qb.andWhere('o.data @> :contains::jsonb', { contains: JSON.stringify(filter.contains) });
    if (filter.created?.gte !== undefined)
      qb.andWhere(`(o.data->>'created')::bigint >= :createdGte`, { createdGte: filter.created.gte });
    if (filter.created?.lte !== undefined)
      qb.andWhere(`(o.data->>'created')::bigint <= :createdLte`, { createdLte: filter.created.lte });
  }

  /**
   * A Stripe list: newest first, `limit` 1..100 (default 10), `starting_after` / `ending_before`
   * an object id of the same list.
   */
  async list<T extends StripeObject>(
    type: string,
    url: string,
    params: StripeParams,
    filter: ListFilter = {},
  ): Promise<StripeList<T>> {
    const limit = optInt(params, 'limit', 1, 100) ?? 10;
    const startingAfter = optString(params, 'starting_after');
    const endingBefore = optString(params, 'ending_before');
    if (startingAfter && endingBefore) {
      throw StripeApiError.invalid('You may only specify one of these parameters: ending_before, starting_after.');
    }
    const qb = this.repo.createQueryBuilder('o').where('o.type = :type', { type });
    this.applyFilter(qb, filter);
    const cursorId = startingAfter ?? endingBefore;
    if (cursorId) {
      const cursor = await this.repo.findOne({ where: { id: cursorId, type }, select: { seq: true } });
      if (!cursor)
        throw StripeApiError.missing(NAMES[type] ?? type, cursorId, startingAfter ? 'starting_after' : 'ending_before');
      qb.andWhere(startingAfter ? 'o.seq < :seq' : 'o.seq > :seq', { seq: cursor.seq });
    }
    // ending_before pages backwards: take the oldest `limit` newer than the cursor, shown newest first.
    const rows = await qb
      .orderBy('o.seq', endingBefore ? 'ASC' : 'DESC')
      .take(limit + 1)
      .getMany();
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (endingBefore) page.reverse();
    return { object: 'list', url, has_more: hasMore, data: page.map((r) => r.data as T) };
  }

  async clear(): Promise<void> {
    await this.repo.query(`TRUNCATE ${this.repo.metadata.tablePath} RESTART IDENTITY`);
  }
}
