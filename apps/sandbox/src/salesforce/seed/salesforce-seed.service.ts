import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiUsageEntity } from '../limits/entities/api-usage.entity';
import { QueryCursorEntity } from '../query/entities/query-cursor.entity';
import { SObjectRecordsService } from '../sobjects/sobject-records.service';
import { SObjectStore } from '../sobjects/sobject-store';
import { SEED_PRODUCTS, seedContracts, seedLineItems } from './seed-commercial';
import { SEED_ACCOUNTS, SEED_CREATED_DATE, SEED_OPPORTUNITIES, SEED_TERMS_BY_ENTITY } from './seed-data';

export interface SeedSummary {
  accounts: number;
  opportunities: number;
  products: number;
  lineItems: number;
  contracts: number;
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
    const opportunityIds = new Map<string, string>();
    for (const [i, opportunity] of SEED_OPPORTUNITIES.entries()) {
      const { account, ...fields } = opportunity;
      const legalEntity = entities.get(account)!;
      const now = new Date(SEED_CREATED_DATE.getTime() + 60 * MINUTE + i * MINUTE);
      const { id } = await this.records.create(
        'Opportunity',
        {
          ...fields,
          AccountId: accountIds.get(account),
          Legal_Entity__c: legalEntity,
          ...SEED_TERMS_BY_ENTITY[legalEntity],
        },
        { manager, now },
      );
      opportunityIds.set(opportunity.External_Id__c, id);
    }
    return {
      accounts: SEED_ACCOUNTS.length,
      opportunities: SEED_OPPORTUNITIES.length,
      ...(await this.insertCommercialSeed(manager, accountIds, opportunityIds, entities)),
    };
  }

  /** Products, opportunity line items and contracts (seed-commercial.ts), after the opportunities. */
  private async insertCommercialSeed(
    manager: EntityManager,
    accountIds: Map<string, string>,
    opportunityIds: Map<string, string>,
    entities: Map<string, string>,
  ): Promise<Pick<SeedSummary, 'products' | 'lineItems' | 'contracts'>> {
    const base = SEED_CREATED_DATE.getTime() + 120 * MINUTE;
    const productIds = new Map<string, string>();
    for (const [i, product] of SEED_PRODUCTS.entries()) {
      const { id } = await this.records.create(
        'Product2',
        { ...product },
        { manager, now: new Date(base + i * MINUTE) },
      );
      productIds.set(product.External_Id__c, id);
    }
    const lineItems = seedLineItems(SEED_OPPORTUNITIES);
    for (const [i, item] of lineItems.entries()) {
      const { opportunity, product, ...fields } = item;
      await this.records.create(
        'OpportunityLineItem',
        { ...fields, OpportunityId: opportunityIds.get(opportunity), Product2Id: productIds.get(product) },
        { manager, now: new Date(base + 30 * MINUTE + i * 1000) },
      );
    }
    const contracts = seedContracts(SEED_OPPORTUNITIES);
    for (const [i, contract] of contracts.entries()) {
      const { account, opportunity, ...fields } = contract;
      const legalEntity = entities.get(account)!;
      await this.records.create(
        'Contract',
        {
          ...fields,
          AccountId: accountIds.get(account),
          Opportunity__c: opportunityIds.get(opportunity),
          Legal_Entity__c: legalEntity,
          Rate_Card__c: SEED_TERMS_BY_ENTITY[legalEntity].Rate_Card__c,
        },
        { manager, now: new Date(base + 90 * MINUTE + i * MINUTE) },
      );
    }
    return { products: SEED_PRODUCTS.length, lineItems: lineItems.length, contracts: contracts.length };
  }
}
