import { AccountDto, OpportunityDto, OpportunityStage } from '@app/contracts';
import { BadGatewayProblem } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CrmAdapter, OpportunityChange, OpportunityFilter } from '../crm-adapter';
import { SALESFORCE_ACCOUNT_FIELDS, toCanonicalAccount } from './salesforce-account.mapper';
import { SALESFORCE_DEPENDENCY, SalesforceClient } from './salesforce-client';
import {
  salesforceDateTimeToIso,
  SALESFORCE_OPPORTUNITY_FIELDS,
  SalesforceMappingError,
  soqlDateTime,
  soqlString,
  stageCondition,
  toCanonicalOpportunity,
} from './salesforce-opportunity.mapper';
import { salesforceConfig, SalesforceSettings } from './salesforce.config';
import { SalesforceAccountRecord, SalesforceOpportunityRecord } from './salesforce.types';

const OPPORTUNITY_ID = /^006[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;
const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;

function selectAccounts(where?: string, orderBy?: string): string {
  return `SELECT ${SALESFORCE_ACCOUNT_FIELDS.join(', ')} FROM Account${where ? ` WHERE ${where}` : ''}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
}

function selectOpportunities(where?: string, orderBy?: string): string {
  return `SELECT ${SALESFORCE_OPPORTUNITY_FIELDS.join(', ')} FROM Opportunity${where ? ` WHERE ${where}` : ''}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
}

/** CrmAdapter for Salesforce (REST API + SOQL). */
@Injectable()
export class SalesforceCrmAdapter implements CrmAdapter {
  readonly system = SALESFORCE_DEPENDENCY;
  private readonly log = new Logger('SalesforceCrmAdapter');

  constructor(
    private readonly client: SalesforceClient,
    @Inject(salesforceConfig.KEY) private readonly config: SalesforceSettings,
  ) {}

  async listOpportunities(filter: OpportunityFilter): Promise<OpportunityDto[]> {
    const soql = selectOpportunities(filter.stage ? stageCondition(filter.stage) : undefined, 'CloseDate DESC, Id');
    const records = await this.client.queryAll<SalesforceOpportunityRecord>(soql);
    const opportunities = records.map((r) => this.toCanonical(r));
    return filter.stage ? opportunities.filter((o) => o.stage === filter.stage) : opportunities;
  }

  async getOpportunity(id: string): Promise<OpportunityDto | undefined> {
    const where = OPPORTUNITY_ID.test(id)
      ? `(Id = ${soqlString(id)} OR External_Id__c = ${soqlString(id)})`
      : `External_Id__c = ${soqlString(id)}`;
    const records = await this.client.queryAll<SalesforceOpportunityRecord>(
      selectOpportunities(where, 'Id') + ' LIMIT 2',
    );
    if (records.length === 0) return undefined;
    // An external id equal to another record's Salesforce id is possible in theory: the id match wins.
    const record = records.find((r) => r.External_Id__c === id) ?? records[0];
    return this.toCanonical(record);
  }

  async listAccounts(): Promise<AccountDto[]> {
    const records = await this.client.queryAll<SalesforceAccountRecord>(selectAccounts(undefined, 'Name, Id'));
    return records.map((r) => this.toCanonicalAccount(r));
  }

  async getAccount(id: string): Promise<AccountDto | undefined> {
    const where = ACCOUNT_ID.test(id)
      ? `(Id = ${soqlString(id)} OR External_Id__c = ${soqlString(id)})`
      : `External_Id__c = ${soqlString(id)}`;
    const records = await this.client.queryAll<SalesforceAccountRecord>(selectAccounts(where, 'Id') + ' LIMIT 2');
    if (records.length === 0) return undefined;
    const record = records.find((r) => r.External_Id__c === id) ?? records[0];
    return this.toCanonicalAccount(record);
  }

  async *changesSince(since: Date): AsyncIterable<OpportunityChange[]> {
    const soql = selectOpportunities(`LastModifiedDate >= ${soqlDateTime(since)}`, 'LastModifiedDate ASC, Id ASC');
    for await (const page of this.client.queryPages<SalesforceOpportunityRecord>(soql)) yield this.toChanges(page);
  }

  async *currentInStage(stage: OpportunityStage, before: Date): AsyncIterable<OpportunityChange[]> {
    const soql = selectOpportunities(`${stageCondition(stage)} AND LastModifiedDate < ${soqlDateTime(before)}`, 'Id');
    for await (const page of this.client.queryPages<SalesforceOpportunityRecord>(soql)) {
      yield this.toChanges(page).filter((c) => c.opportunity.stage === stage);
    }
  }

  private toCanonical(record: SalesforceOpportunityRecord): OpportunityDto {
    try {
      return toCanonicalOpportunity(record, this.orgCurrency);
    } catch (e) {
      if (e instanceof SalesforceMappingError) throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, e.message);
      throw e;
    }
  }

  private toCanonicalAccount(record: SalesforceAccountRecord): AccountDto {
    try {
      return toCanonicalAccount(record, this.orgCurrency);
    } catch (e) {
      if (e instanceof SalesforceMappingError) throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, e.message);
      throw e;
    }
  }

  /** A record the canonical model cannot hold is logged and left out (it must not block the feed). */
  private toChanges(records: SalesforceOpportunityRecord[]): OpportunityChange[] {
    const changes: OpportunityChange[] = [];
    for (const record of records) {
      try {
        changes.push({
          vendorId: record.Id,
          modifiedAt: salesforceDateTimeToIso(record.LastModifiedDate),
          opportunity: toCanonicalOpportunity(record, this.orgCurrency),
        });
      } catch (e) {
        this.log.warn({ err: e, salesforceId: record.Id }, 'skipping an opportunity the canonical model cannot hold');
      }
    }
    return changes;
  }

  private get orgCurrency(): string {
    return this.config.orgCurrency;
  }
}
