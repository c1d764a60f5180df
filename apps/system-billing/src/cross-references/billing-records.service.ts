import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BillingRecordEntity, BillingRecordKind } from './billing-record.entity';

/** Cross-references canonical id <-> billing platform id, with the canonical object as sent. */
@Injectable()
export class BillingRecordsService {
  constructor(@InjectRepository(BillingRecordEntity) private readonly repo: Repository<BillingRecordEntity>) {}

  find(kind: BillingRecordKind, canonicalId: string): Promise<BillingRecordEntity | null> {
    return this.repo.findOne({ where: { kind, canonicalId } });
  }

  findByVendorId(
    kind: BillingRecordKind,
    system: string,
    vendorId: string,
    manager?: EntityManager,
  ): Promise<BillingRecordEntity | null> {
    const repo = manager ? manager.getRepository(BillingRecordEntity) : this.repo;
    return repo.findOne({
      where: { kind, system, vendorId },
      lock: manager ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  /** The record of a create about to start: the existing one (a retry), or a new one stamped now. */
  async begin(
    kind: BillingRecordKind,
    canonicalId: string,
    system: string,
    payload: object,
  ): Promise<BillingRecordEntity> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(BillingRecordEntity)
      .values({
        kind,
        canonicalId,
        system,
        vendorId: null,
        status: null,
        payload,
        firstAttemptAt: new Date(),
      } as QueryDeepPartialEntity<BillingRecordEntity>)
      .orIgnore()
      .execute();
    return (await this.find(kind, canonicalId)) as BillingRecordEntity;
  }

  async complete(
    kind: BillingRecordKind,
    canonicalId: string,
    vendorId: string,
    payload: object,
    status?: string,
  ): Promise<void> {
    await this.repo.update({ kind, canonicalId }, {
      vendorId,
      payload,
      status: status ?? null,
    } as QueryDeepPartialEntity<BillingRecordEntity>);
  }

  async update(record: BillingRecordEntity, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(BillingRecordEntity) : this.repo;
    await repo.update({ kind: record.kind, canonicalId: record.canonicalId }, {
      payload: record.payload,
      status: record.status,
    } as QueryDeepPartialEntity<BillingRecordEntity>);
  }
}
