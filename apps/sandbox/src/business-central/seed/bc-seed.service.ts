import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BcCompanyEntity } from '../entities/entities/bc-company.entity';
import { BcNumberSeriesEntity } from '../entities/entities/bc-number-series.entity';
import { BcRecordEntity } from '../entities/entities/bc-record.entity';
import { BcEntitiesService } from '../entities/bc-entities.service';
import { BcSubscriptionEntity } from '../subscriptions/entities/bc-subscription.entity';
import {
  BC_SEED_COMPANIES,
  BC_SEED_CUSTOMERS,
  BC_SEED_DATE,
  BC_SEED_EMPLOYEES,
  BC_SEED_ITEMS,
  BC_SEED_PROJECTS,
} from './bc-seed-data';

const SEED_LOCK = 'sandbox_business_central:seed';
const MINUTE = 60_000;

/** Loads the demo environment at boot when empty and on reset (record ids are random GUIDs; company ids are fixed). */
@Injectable()
export class BcSeedService implements OnApplicationBootstrap {
  constructor(private readonly entities: BcEntitiesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.entities.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await manager.count(BcCompanyEntity)) > 0) return;
      await this.insertSeed(manager);
    });
  }

  async reset(): Promise<{ companies: number; records: number }> {
    return this.entities.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      const tables = [BcRecordEntity, BcCompanyEntity, BcNumberSeriesEntity, BcSubscriptionEntity].map(
        (e) => manager.connection.getMetadata(e).tablePath,
      );
      await manager.query(`TRUNCATE ${tables.join(', ')}`);
      return this.insertSeed(manager);
    });
  }

  private async insertSeed(manager: EntityManager): Promise<{ companies: number; records: number }> {
    let n = 0;
    const now = () => new Date(BC_SEED_DATE.getTime() + n++ * MINUTE);
    let records = 0;
    for (const c of BC_SEED_COMPANIES) {
      await manager.insert(BcCompanyEntity, {
        id: c.id,
        name: c.name,
        displayName: c.displayName,
        currency: c.currency,
      });
      const create = async (set: string, body: Record<string, unknown>) => {
        records++;
        return this.entities.create(c.id, this.entities.setOrThrow(set), body, { manager, now: now() });
      };
      for (const item of BC_SEED_ITEMS) await create('items', { ...item });
      for (const customer of BC_SEED_CUSTOMERS[c.legalEntity] ?? []) await create('customers', { ...customer });
      for (const employee of BC_SEED_EMPLOYEES[c.legalEntity] ?? []) await create('employees', { ...employee });
      for (const project of BC_SEED_PROJECTS[c.legalEntity] ?? []) await create('projects', { displayName: project });
    }
    return { companies: BC_SEED_COMPANIES.length, records };
  }
}
