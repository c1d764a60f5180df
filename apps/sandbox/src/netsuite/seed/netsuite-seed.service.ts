import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NetSuiteCounterEntity } from '../records/entities/netsuite-counter.entity';
import { NetSuiteRecordEntity } from '../records/entities/netsuite-record.entity';
import { NetSuiteRecordsService } from '../records/netsuite-records.service';
import {
  SEED_CREATED_DATE,
  SEED_CURRENCIES,
  SEED_CUSTOMERS,
  SEED_EMPLOYEES,
  SEED_PROJECTS,
  SEED_SERVICE_ITEMS,
  SEED_SUBSIDIARIES,
} from './netsuite-seed-data';

export interface NetSuiteSeedSummary {
  records: number;
}

const SEED_LOCK = 'sandbox_netsuite:seed';
const MINUTE = 60_000;

/** Loads the demo account at boot when empty (advisory lock: replicas agree) and on reset. */
@Injectable()
export class NetSuiteSeedService implements OnApplicationBootstrap {
  constructor(private readonly records: NetSuiteRecordsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.records.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await this.records.count(manager)) > 0) return;
      await this.insertSeed(manager);
    });
  }

  /** Back to the seed with the same ids; issued tokens stay valid. */
  async reset(): Promise<NetSuiteSeedSummary> {
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
    for (const c of SEED_CURRENCIES) await create('currency', c);
    for (const s of SEED_SUBSIDIARIES) await create('subsidiary', s);
    for (const item of SEED_SERVICE_ITEMS) await create('serviceitem', item);
    for (const c of SEED_CUSTOMERS) await create('customer', c);
    for (const e of SEED_EMPLOYEES) await create('employee', e);
    for (const { parent, ...p } of SEED_PROJECTS) await create('job', { ...p, parent: { externalId: parent } });
    const timebill = (employee: string, job: string, date: string, hours: string, item: string) =>
      create('timebill', {
        employee: { externalId: employee },
        customer: { externalId: job },
        tranDate: date,
        hours,
        item: { externalId: item },
      });
    await timebill('WRK-0001', 'PRJ-0001', '2025-01-07', '4:00', 'SVC-MANAGER');
    await timebill('WRK-0002', 'PRJ-0001', '2025-01-07', '7:30', 'SVC-CONSULTANT');
    await timebill('WRK-0003', 'PRJ-0002', '2025-01-14', '6:00', 'SVC-SENIOR');
    await create('invoice', {
      externalId: 'INV-SEED-0001',
      entity: { externalId: 'ACC-0001' },
      job: { externalId: 'PRJ-0001' },
      tranDate: '2025-01-31',
      dueDate: '2025-03-02',
      item: {
        items: [
          { item: { externalId: 'SVC-MANAGER' }, description: 'Manager, January', quantity: 4, rate: 260 },
          { item: { externalId: 'SVC-CONSULTANT' }, description: 'Consultant, January', quantity: 7.5, rate: 160 },
        ],
      },
    });
    return { records: await this.records.count(manager) };
  }
}
