import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiUsageEntity } from '../limits/entities/api-usage.entity';
import { QueryCursorEntity } from '../query/entities/query-cursor.entity';
import { SObjectRecordsService } from '../sobjects/sobject-records.service';
import { SObjectStore } from '../sobjects/sobject-store';
import { seedContracts, seedLineItems, seedProducts } from './seed-commercial';
import { configuredScale, demoFirm, DemoFirm, DemoScale } from '../../common/demo-firm';
import { SEED_CREATED_DATE, SEED_TERMS_BY_ENTITY, seedAccounts, seedOpportunities } from './seed-data';

export interface SeedSummary {
  scale: DemoScale;
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
  private scale: DemoScale = configuredScale();

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
  async reset(scale: DemoScale = this.scale): Promise<SeedSummary> {
    this.scale = scale;
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
    const firm = demoFirm(this.scale);
    const accounts = seedAccounts(firm);
    const opportunities = seedOpportunities(firm);
    // Bulk inserts (createMany: the rules of a create, multi-row statements): the demo firm loads in
    // a fraction of a second; ids follow the input order, so they are the same after every reset.
    const at = (base: number, step: number) => (i: number) => new Date(SEED_CREATED_DATE.getTime() + base + i * step);
    const entities = new Map(accounts.map((a) => [a.External_Id__c, a.Legal_Entity__c]));
    const createdAccounts = await this.records.createMany(
      'Account',
      accounts.map((a) => ({ ...a })),
      { manager, now: at(0, MINUTE) },
    );
    const accountIds = new Map(accounts.map((a, i) => [a.External_Id__c, createdAccounts[i]]));
    const createdOpportunities = await this.records.createMany(
      'Opportunity',
      opportunities.map(({ account, ...fields }) => {
        const legalEntity = entities.get(account)!;
        return {
          ...fields,
          AccountId: accountIds.get(account),
          Legal_Entity__c: legalEntity,
          ...SEED_TERMS_BY_ENTITY[legalEntity],
        };
      }),
      { manager, now: at(60 * MINUTE, MINUTE) },
    );
    const opportunityIds = new Map(opportunities.map((o, i) => [o.External_Id__c, createdOpportunities[i]]));
    return {
      scale: this.scale,
      accounts: accounts.length,
      opportunities: opportunities.length,
      ...(await this.insertCommercialSeed(manager, firm, accountIds, opportunityIds)),
    };
  }

  /** Products, opportunity line items and contracts of the demo firm (seed-commercial.ts), after the opportunities. */
  private async insertCommercialSeed(
    manager: EntityManager,
    firm: DemoFirm,
    accountIds: Map<string, string>,
    opportunityIds: Map<string, string>,
  ): Promise<Pick<SeedSummary, 'products' | 'lineItems' | 'contracts'>> {
    const base = SEED_CREATED_DATE.getTime() + 120 * MINUTE;
    const seededProducts = seedProducts(firm);
    const products = await this.records.createMany(
      'Product2',
      seededProducts.map((p) => ({ ...p })),
      { manager, now: (i) => new Date(base + i * MINUTE) },
    );
    const productIds = new Map(seededProducts.map((p, i) => [p.External_Id__c, products[i]]));
    const lineItems = seedLineItems(firm);
    await this.records.createMany(
      'OpportunityLineItem',
      lineItems.map(({ opportunity, product, ...fields }) => ({
        ...fields,
        OpportunityId: opportunityIds.get(opportunity),
        Product2Id: productIds.get(product),
      })),
      { manager, now: (i) => new Date(base + 30 * MINUTE + i * 1000) },
    );
    const contracts = seedContracts(firm);
    await this.records.createMany(
      'Contract',
      contracts.map(({ account, opportunity, ...fields }) => ({
        ...fields,
        AccountId: accountIds.get(account),
        Opportunity__c: opportunityIds.get(opportunity),
      })),
      { manager, now: (i) => new Date(base + 90 * MINUTE + i * MINUTE) },
    );
    return { products: seededProducts.length, lineItems: lineItems.length, contracts: contracts.length };
  }
}
