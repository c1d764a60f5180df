import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { RowKey } from '../query/soql-narrowing';
import { SRecord } from '../soql/soql-engine';
import { IdCounterEntity } from './entities/id-counter.entity';
import { SObjectRecordEntity } from './entities/sobject-record.entity';

/** The flat record the SOQL engine and the API read: stored fields plus the system fields. */
export function toRow(entity: SObjectRecordEntity): SRecord {
  return {
    ...entity.fields,
    Id: entity.id,
    CreatedDate: entity.createdDate.toISOString(),
    LastModifiedDate: entity.lastModifiedDate.toISOString(),
    SystemModstamp: entity.systemModstamp.toISOString(),
  };
}

/** Persistence of sObject records (one table, every sObject type). */
@Injectable()
export class SObjectStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private records(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(SObjectRecordEntity);
  }

  async list(sobjectType: string): Promise<SRecord[]> {
    const rows = await this.records().find({ where: { sobjectType }, order: { id: 'ASC' } });
    return rows.map(toRow);
  }

  /**
   * The records of a type matching any of `keys` (see soql-narrowing: a superset of a WHERE's
   * matches), by primary key or one field in SQL, in id order as `list`.
   */
  async listMatching(sobjectType: string, keys: readonly RowKey[]): Promise<SRecord[]> {
    if (keys.length === 0) return [];
    const qb = this.records().createQueryBuilder('r').where('r.sobjectType = :sobjectType', { sobjectType });
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      params[`v${i}`] = key.values;
      if (key.kind === 'id') clauses.push(`r.id IN (:...v${i})`);
      else {
        params[`f${i}`] = key.field;
        clauses.push(
          key.kind === 'reference'
            ? `left(r.fields ->> :f${i}, 15) IN (:...v${i})`
            : `lower(r.fields ->> :f${i}) IN (:...v${i})`,
        );
      }
    });
    qb.andWhere(`(${clauses.join(' OR ')})`, params).orderBy('r.id', 'ASC');
    return (await qb.getMany()).map(toRow);
  }

  async listByIds(sobjectType: string, ids: readonly string[]): Promise<SRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.records().find({ where: { sobjectType, id: In([...ids]) } });
    return rows.map(toRow);
  }

  async count(manager?: EntityManager): Promise<number> {
    return this.records(manager).count();
  }

  async findById(
    sobjectType: string,
    id: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<SObjectRecordEntity | null> {
    const qb = this.records(manager)
      .createQueryBuilder('r')
      .where('r.id = :id AND r.sobjectType = :sobjectType', { id, sobjectType });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async findByExternalId(
    sobjectType: string,
    externalId: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<SObjectRecordEntity | null> {
    const qb = this.records(manager)
      .createQueryBuilder('r')
      .where('r.externalId = :externalId AND r.sobjectType = :sobjectType', { externalId, sobjectType });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async exists(sobjectType: string, id: string, manager?: EntityManager): Promise<boolean> {
    return this.records(manager).exists({ where: { sobjectType, id } });
  }

  /** Next record number for a key prefix (row-locked counter, deterministic after a reset). */
  async nextNumber(keyPrefix: string, manager: EntityManager): Promise<number> {
    const table = manager.connection.getMetadata(IdCounterEntity).tablePath;
    const rows = (await manager.query(
      `INSERT INTO ${table} (key_prefix, last_value) VALUES ($1, 1)
       ON CONFLICT (key_prefix) DO UPDATE SET last_value = ${table}.last_value + 1 RETURNING last_value`,
      [keyPrefix],
    )) as Array<{ last_value: string }>;
    return Number(rows[0].last_value);
  }

  /** Reserves `count` consecutive record numbers for a key prefix; returns the first. */
  async nextNumbers(keyPrefix: string, count: number, manager: EntityManager): Promise<number> {
    const table = manager.connection.getMetadata(IdCounterEntity).tablePath;
    const rows = (await manager.query(
      `INSERT INTO ${table} (key_prefix, last_value) VALUES ($1, $2)
       ON CONFLICT (key_prefix) DO UPDATE SET last_value = ${table}.last_value + $2 RETURNING last_value`,
      [keyPrefix, count],
    )) as Array<{ last_value: string }>;
    return Number(rows[0].last_value) - count + 1;
  }

  async findByIds(sobjectType: string, ids: readonly string[], manager: EntityManager): Promise<SObjectRecordEntity[]> {
    if (ids.length === 0) return [];
    return this.records(manager).find({ where: { sobjectType, id: In([...ids]) } });
  }

  /** Multi-row inserts (bulk loads such as the seed), 1,000 rows a statement. */
  async insertMany(manager: EntityManager, entities: SObjectRecordEntity[]): Promise<void> {
    for (let i = 0; i < entities.length; i += 1000) {
      await this.records(manager).insert(entities.slice(i, i + 1000) as never);
    }
  }

  async insert(manager: EntityManager, entity: SObjectRecordEntity): Promise<void> {
    await this.records(manager).save(entity, { reload: false });
  }

  async save(manager: EntityManager, entity: SObjectRecordEntity): Promise<void> {
    await this.records(manager).save(entity);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await this.records(manager).delete({ id });
  }

  /** Removes every record and resets the id counters (sandbox reset). */
  async clear(manager: EntityManager): Promise<void> {
    const records = manager.connection.getMetadata(SObjectRecordEntity).tablePath;
    const counters = manager.connection.getMetadata(IdCounterEntity).tablePath;
    await manager.query(`TRUNCATE ${records}, ${counters}`);
  }
}
