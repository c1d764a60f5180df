import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiUsageEntity } from '../limits/entities/api-usage.entity';
import { QueryCursorEntity } from '../query/entities/query-cursor.entity';
import { SObjectRecordsService } from '../sobjects/sobject-records.service';
import { SObjectStore } from '../sobjects/sobject-store';
import { SEED_ACCOUNTS, SEED_CREATED_DATE, SEED_OPPORTUNITIES, SEED_TERMS_BY_ENTITY } from './seed-data';

export interface SeedSummary {
  accounts: number;
  opportunities: number;
}

const SEED_LOCK = 'sandbox_salesforce:seed';
const MINUTE = 60_000;

/**
 * Loads the demo firm: once at boot when the org holds no records (idempotent across restarts and
 * replicas: serialised by an advisory lock), and on `POST /__sandbox/reset`.
 */
@Injectable()
export class SalesforceSeedService implements OnApplicationBootstrap {
  constructor(
    private readonly store: SObjectStore,
    private readonly records: SObjectRecordsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedIfEmpty();
  }

  /** Seeds when there are no records at all; returns whether it did. */
  async seedIfEmpty(): Promise<boolean> {
    return this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await this.store.count(manager)) > 0) return false;
      await this.clearAll(manager);
      await this.insertSeed(manager);
      return true;
    });
  }

  /**
   * Back to the seed: every record, id counter, query cursor and the day's API usage go; the seed
   * comes back with the same ids. Issued tokens stay valid, so connected clients keep working.
   */
  async reset(): Promise<SeedSummary> {
    return this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      await this.clearAll(manager);
      return this.insertSeed(manager);
    });
  }

  private async clearAll(manager: EntityManager): Promise<void> {
    await this.store.clear(manager);
    const cursors = manager.connection.getMetadata(QueryCursorEntity).tablePath;
    const usage = manager.connection.getMetadata(ApiUsageEntity).tablePath;
    await manager.query(`TRUNCATE ${cursors}, ${usage}`);
  }

  private async insertSeed(manager: EntityManager): Promise<SeedSummary> {
    const accountIds = new Map<string, string>();
    const entities = new Map<string, string>();
    for (const [i, account] of SEED_ACCOUNTS.entries()) {
      const now = new Date(SEED_CREATED_DATE.getTime() + i * MINUTE);
      const { id } = await this.records.create('Account', { ...account }, { manager, now });
      accountIds.set(account.External_Id__c, id);
      entities.set(account.External_Id__c, account.Legal_Entity__c);
    }
    for (const [i, opportunity] of SEED_OPPORTUNITIES.entries()) {
      const { account, ...fields } = opportunity;
      const legalEntity = entities.get(account)!;
      const now = new Date(SEED_CREATED_DATE.getTime() + 60 * MINUTE + i * MINUTE);
      await this.records.create(
        'Opportunity',
        {
          ...fields,
          AccountId: accountIds.get(account),
          Legal_Entity__c: legalEntity,
          ...SEED_TERMS_BY_ENTITY[legalEntity],
        },
        { manager, now },
      );
    }
    return { accounts: SEED_ACCOUNTS.length, opportunities: SEED_OPPORTUNITIES.length };
  }
}
