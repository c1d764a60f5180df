import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NetSuiteCounterEntity } from '../records/entities/netsuite-counter.entity';
import { NetSuiteRecordEntity } from '../records/entities/netsuite-record.entity';
import { NetSuiteRecordsService } from '../records/netsuite-records.service';
import { configuredScale, demoFirm, DemoScale } from '../../common/demo-firm';
import { netsuiteSeed, SEED_CREATED_DATE, SEED_CURRENCIES } from './netsuite-seed-data';

export interface NetSuiteSeedSummary {
  scale: DemoScale;
  records: number;
}

const SEED_LOCK = 'sandbox_netsuite:seed';
const MINUTE = 60_000;

/** Loads the demo account at boot when empty (advisory lock: replicas agree) and on reset. */
@Injectable()
export class NetSuiteSeedService implements OnApplicationBootstrap {
  private scale: DemoScale = configuredScale();

  constructor(private readonly records: NetSuiteRecordsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.records.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await this.records.count(manager)) > 0) return;
      await this.insertSeed(manager);
    });
  }

  /** Back to the seed with the same ids; issued tokens stay valid; `scale` switches the size from now on. */
  async reset(scale: DemoScale = this.scale): Promise<NetSuiteSeedSummary> {
    this.scale = scale;
    return this.records.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      const records = manager.connection.getMetadata(NetSuiteRecordEntity).tablePath;
      const counters = manager.connection.getMetadata(NetSuiteCounterEntity).tablePath;
      await manager.query(`TRUNCATE ${records}, ${counters}`);
      return this.insertSeed(manager);
    });
  }

  private async insertSeed(manager: EntityManager): Promise<NetSuiteSeedSummary> {
    let n = 0;
    const create = async (type: string, body: Record<string, unknown>) => {
      const now = new Date(SEED_CREATED_DATE.getTime() + n++ * MINUTE);
      return this.records.create(type, body, { manager, now });
    };
    const seed = netsuiteSeed(demoFirm(this.scale));
    for (const c of SEED_CURRENCIES) await create('currency', c);
    for (const s of seed.subsidiaries) await create('subsidiary', s);
    for (const item of seed.serviceItems) await create('serviceitem', item);
    for (const c of seed.customers) await create('customer', c);
    for (const e of seed.employees) await create('employee', e);
    for (const p of seed.projects) await create('job', p);
    for (const t of seed.timeBills) await create('timebill', t);
    await create('invoice', seed.invoice);
    return { scale: this.scale, records: await this.records.count(manager) };
  }
}
