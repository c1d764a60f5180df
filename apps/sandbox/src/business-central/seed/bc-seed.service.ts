import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BcCompanyEntity } from '../entities/entities/bc-company.entity';
import { BcNumberSeriesEntity } from '../entities/entities/bc-number-series.entity';
import { BcRecordEntity } from '../entities/entities/bc-record.entity';
import { BcEntitiesService } from '../entities/bc-entities.service';
import { BcSubscriptionEntity } from '../subscriptions/entities/bc-subscription.entity';
import { configuredScale, demoFirm, DemoScale } from '../../common/demo-firm';
import { BC_SEED_DATE, bcSeed } from './bc-seed-data';

const SEED_LOCK = 'sandbox_business_central:seed';
const MINUTE = 60_000;

/** Loads the demo environment at boot when empty and on reset (record ids are random GUIDs; company ids are fixed). */
@Injectable()
export class BcSeedService implements OnApplicationBootstrap {
  private scale: DemoScale = configuredScale();

  constructor(private readonly entities: BcEntitiesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.entities.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await manager.count(BcCompanyEntity)) > 0) return;
      await this.insertSeed(manager);
    });
  }

  /** Back to the seed (company ids fixed, record ids new); `scale` switches the size from now on. */
  async reset(scale: DemoScale = this.scale): Promise<{ scale: DemoScale; companies: number; records: number }> {
    this.scale = scale;
    return this.entities.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      const tables = [BcRecordEntity, BcCompanyEntity, BcNumberSeriesEntity, BcSubscriptionEntity].map(
        (e) => manager.connection.getMetadata(e).tablePath,
      );
      await manager.query(`TRUNCATE ${tables.join(', ')}`);
      return this.insertSeed(manager);
    });
  }

  private async insertSeed(manager: EntityManager): Promise<{ scale: DemoScale; companies: number; records: number }> {
    let n = 0;
    const now = () => new Date(BC_SEED_DATE.getTime() + n++ * MINUTE);
    let records = 0;
    const companies = bcSeed(demoFirm(this.scale));
    for (const c of companies) {
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
      for (const item of c.items) await create('items', { ...item });
      for (const customer of c.customers) await create('customers', { ...customer });
      for (const employee of c.employees) await create('employees', { ...employee });
      for (const project of c.projects) await create('projects', { ...project });
    }
    return { scale: this.scale, companies: companies.length, records };
  }
}
