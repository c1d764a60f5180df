import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Condition, ListQuery } from './list-query';
import { KantataIdCounterEntity, KantataRecordEntity } from './record.entity';

/** Now truncated to whole seconds (Kantata's timestamps have no fractions). */
export function wholeSecond(date: Date = new Date()): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** Persistence of every Kantata object (one table; attributes as jsonb). */
@Injectable()
export class KantataRecordStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(KantataRecordEntity);
  }

  async list(type: string, query: ListQuery): Promise<{ rows: KantataRecordEntity[]; total: number }> {
    const qb = this.repo().createQueryBuilder('r').where('r.type = :type', { type });
    query.conditions.forEach((c, i) => applyCondition(qb, c, i));
    const total = await qb.getCount();
    const column =
      query.order.by === 'id'
        ? 'r.id'
        : query.order.by === 'updated_at'
          ? 'r.updatedAt'
          : query.order.by === 'created_at'
            ? 'r.createdAt'
            : undefined;
    if (column) qb.orderBy(column, query.order.direction);
    else qb.orderBy(`r.data->>'${query.order.by.replace(/[^a-z_]/g, '')}'`, query.order.direction);
    if (query.order.by !== 'id') qb.addOrderBy('r.id', 'ASC');
    const rows = await qb
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getMany();
    return { rows, total };
  }

  async findByIds(type: string, ids: readonly string[], manager?: EntityManager): Promise<KantataRecordEntity[]> {
    if (ids.length === 0) return [];
    return this.repo(manager)
      .createQueryBuilder('r')
      .where('r.type = :type AND r.id IN (:...ids)', { type, ids: [...ids] })
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  /** Records whose attribute `field` holds one of `values` (reverse includes, uniqueness checks). */
  async findWhere(
    type: string,
    field: string,
    values: readonly string[],
    manager?: EntityManager,
  ): Promise<KantataRecordEntity[]> {
    if (values.length === 0) return [];
    return this.repo(manager)
      .createQueryBuilder('r')
      .where(`r.type = :type AND r.data->>:field IN (:...values)`, { type, field, values: [...values] })
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  async findOne(type: string, id: string, manager?: EntityManager, lock = false): Promise<KantataRecordEntity | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const qb = this.repo(manager).createQueryBuilder('r').where('r.type = :type AND r.id = :id', { type, id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Reserves `count` consecutive ids (the first id of a resource is its `base`); returns the first. */
  async nextIds(manager: EntityManager, type: string, base: number, count: number): Promise<string> {
    const table = manager.connection.getMetadata(KantataIdCounterEntity).tablePath;
    const rows = (await manager.query(
      `INSERT INTO ${table} (type, last_value) VALUES ($1, $2::bigint + $3::bigint - 1)
       ON CONFLICT (type) DO UPDATE SET last_value = ${table}.last_value + $3::bigint RETURNING last_value`,
      [type, base, count],
    )) as Array<{ last_value: string }>;
    return String(BigInt(rows[0].last_value) - BigInt(count) + 1n);
  }

  async insertMany(manager: EntityManager, records: KantataRecordEntity[]): Promise<void> {
    if (records.length) await this.repo(manager).insert(records as never);
  }

  async save(manager: EntityManager, record: KantataRecordEntity): Promise<void> {
    await this.repo(manager).save(record);
  }

  async delete(manager: EntityManager, type: string, id: string): Promise<void> {
    await this.repo(manager).delete({ type, id });
  }

  async count(manager?: EntityManager): Promise<number> {
    return this.repo(manager).count();
  }

  async countByType(): Promise<Record<string, number>> {
    const rows = (await this.repo()
      .createQueryBuilder('r')
      .select('r.type', 'type')
      .addSelect('count(*)::int', 'n')
      .groupBy('r.type')
      .orderBy('r.type')
      .getRawMany()) as Array<{ type: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  async clear(manager: EntityManager): Promise<void> {
    const records = manager.connection.getMetadata(KantataRecordEntity).tablePath;
    const counters = manager.connection.getMetadata(KantataIdCounterEntity).tablePath;
    await manager.query(`TRUNCATE ${records}, ${counters}`);
  }
}

function applyCondition(qb: SelectQueryBuilder<KantataRecordEntity>, c: Condition, i: number): void {
  const p = (name: string) => `${name}${i}`;
  switch (c.kind) {
    case 'ids':
      if (c.ids.length === 0) qb.andWhere('false');
      else qb.andWhere(`r.id IN (:...${p('ids')})`, { [p('ids')]: c.ids });
      break;
    case 'in':
      if (c.values.length === 0) qb.andWhere('false');
      else qb.andWhere(`r.data->>:${p('f')} IN (:...${p('v')})`, { [p('f')]: c.field, [p('v')]: c.values });
      break;
    case 'ci':
      qb.andWhere(`lower(r.data->>:${p('f')}) = lower(:${p('v')})`, { [p('f')]: c.field, [p('v')]: c.value });
      break;
    case 'contains':
      qb.andWhere(`strpos(lower(r.data->>:${p('f')}), lower(:${p('v')})) > 0`, {
        [p('f')]: c.field,
        [p('v')]: c.value,
      });
      break;
    case 'bool':
      qb.andWhere(`(r.data->>:${p('f')})::boolean = :${p('v')}`, { [p('f')]: c.field, [p('v')]: c.value });
      break;
    case 'between':
      qb.andWhere(`r.data->>:${p('f')} BETWEEN :${p('a')} AND :${p('b')}`, {
        [p('f')]: c.field,
        [p('a')]: c.from,
        [p('b')]: c.to,
      });
      break;
    case 'after':
      qb.andWhere(`r.${c.column === 'updated_at' ? 'updatedAt' : 'createdAt'} > :${p('t')}`, { [p('t')]: c.at });
      break;
    default: {
      const exhaustive: never = c;
      throw new Error(`unknown condition ${JSON.stringify(exhaustive)}`);
    }
  }
}
