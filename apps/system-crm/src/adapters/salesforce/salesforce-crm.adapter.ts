import {
  AccountDto,
  AccountWriteDto,
  ContractDto,
  ContractWriteDto,
  OpportunityDto,
  OpportunityLineItemDto,
  OpportunityStage,
  OpportunityWriteBackDto,
  OpportunityWriteDto,
} from '@app/contracts';
import { BadGatewayProblem, ProblemError, UnprocessableProblem } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountChange, CrmAdapter, OpportunityChange, OpportunityFilter, UpsertOutcome } from '../crm-adapter';
import {
  ACCOUNT_FIELD_MAP,
  SALESFORCE_ACCOUNT_FIELDS,
  toCanonicalAccount,
  toCanonicalCustomer,
  toSalesforceAccount,
} from './salesforce-account.mapper';
import { SALESFORCE_DEPENDENCY, SalesforceClient } from './salesforce-client';
import {
  CONTRACT_FIELD_MAP,
  ContractTermError,
  SALESFORCE_CONTRACT_FIELDS,
  toCanonicalContract,
  toSalesforceContract,
} from './salesforce-contract.mapper';
import { SALESFORCE_VENDOR } from './salesforce-errors';
import { SALESFORCE_LINE_ITEM_FIELDS, toCanonicalLineItem } from './salesforce-line-item.mapper';
import {
  OPPORTUNITY_FIELD_MAP,
  salesforceDateTimeToIso,
  SALESFORCE_OPPORTUNITY_FIELDS,
  SalesforceMappingError,
  soqlDateTime,
  soqlString,
  stageCondition,
  toCanonicalOpportunity,
  toSalesforceOpportunity,
  toSalesforceStageName,
} from './salesforce-opportunity.mapper';
import { salesforceConfig, SalesforceSettings } from './salesforce.config';
import {
  SalesforceAccountRecord,
  SalesforceContractRecord,
  SalesforceLineItemRecord,
  SalesforceOpportunityRecord,
  SalesforceUpsertResult,
} from './salesforce.types';

const OPPORTUNITY_ID = /^006[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;
const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;
const CONTRACT_ID = /^800[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;

/** `WHERE` for "this canonical id, or this Salesforce id when it looks like one of `idPattern`". */
function byIdOrExternalId(id: string, idPattern: RegExp): string {
  return idPattern.test(id)
    ? `(Id = ${soqlString(id)} OR External_Id__c = ${soqlString(id)})`
    : `External_Id__c = ${soqlString(id)}`;
}

function selectFrom(object: string, fields: readonly string[], where?: string, orderBy?: string): string {
  return `SELECT ${fields.join(', ')} FROM ${object}${where ? ` WHERE ${where}` : ''}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
}

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

  async getOpportunity(id: string, options: { lineItems?: boolean } = {}): Promise<OpportunityDto | undefined> {
    const record = await this.findOpportunityRecord(id);
    if (!record) return undefined;
    const opportunity = this.toCanonical(record);
    if (options.lineItems) opportunity.lineItems = await this.lineItemsOf(record.Id);
    return opportunity;
  }

  private async findOpportunityRecord(id: string): Promise<SalesforceOpportunityRecord | undefined> {
    const records = await this.client.queryAll<SalesforceOpportunityRecord>(
      selectOpportunities(byIdOrExternalId(id, OPPORTUNITY_ID), 'Id') + ' LIMIT 2',
    );
    // An external id equal to another record's Salesforce id is possible in theory: the external id wins.
    return records.find((r) => r.External_Id__c === id) ?? records[0];
  }

  /** Every line item of an opportunity (all batches), in the deal's order. */
  async lineItemsOf(
    opportunityId: string,
    options: { skipUnmappable?: boolean } = {},
  ): Promise<OpportunityLineItemDto[]> {
    const records = await this.client.queryAll<SalesforceLineItemRecord>(
      selectFrom(
        'OpportunityLineItem',
        SALESFORCE_LINE_ITEM_FIELDS,
        `OpportunityId = ${soqlString(opportunityId)}`,
        'SortOrder, ServiceDate, Id',
      ),
    );
    if (!options.skipUnmappable) return records.map((r) => this.mapped(() => toCanonicalLineItem(r, this.orgCurrency)));
    const lines: OpportunityLineItemDto[] = [];
    for (const record of records) {
      try {
        lines.push(toCanonicalLineItem(record, this.orgCurrency));
      } catch (e) {
        if (!(e instanceof SalesforceMappingError)) throw e;
        this.log.warn({ err: e, salesforceId: record.Id }, 'leaving out a line item the canonical model cannot hold');
      }
    }
    return lines;
  }

  async listContracts(): Promise<ContractDto[]> {
    const records = await this.client.queryAll<SalesforceContractRecord>(
      selectFrom('Contract', SALESFORCE_CONTRACT_FIELDS, undefined, 'StartDate DESC, Id'),
    );
    return records.map((r) => this.toCanonicalContract(r));
  }

  async getContract(id: string): Promise<ContractDto | undefined> {
    const record = await this.findContractRecord(id);
    return record ? this.toCanonicalContract(record) : undefined;
  }

  private async findContractRecord(id: string): Promise<SalesforceContractRecord | undefined> {
    const records = await this.client.queryAll<SalesforceContractRecord>(
      selectFrom('Contract', SALESFORCE_CONTRACT_FIELDS, byIdOrExternalId(id, CONTRACT_ID), 'Id') + ' LIMIT 2',
    );
    return records.find((r) => r.External_Id__c === id) ?? records[0];
  }

  async upsertAccount(id: string, account: AccountWriteDto): Promise<UpsertOutcome<AccountDto>> {
    const result = await this.upsert('Account', id, toSalesforceAccount(account), 'account', ACCOUNT_FIELD_MAP);
    const value = await this.getAccount(result.id);
    if (!value) throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce lost account ${result.id} just written`);
    return { created: result.created, value };
  }

  async upsertOpportunity(id: string, opportunity: OpportunityWriteDto): Promise<UpsertOutcome<OpportunityDto>> {
    const body = toSalesforceOpportunity(opportunity, { replace: true });
    body.AccountId = opportunity.accountId
      ? await this.salesforceIdOf('Account', opportunity.accountId, 'accountId')
      : null;
    const result = await this.upsert('Opportunity', id, body, 'opportunity', OPPORTUNITY_FIELD_MAP);
    const value = await this.getOpportunity(result.id, { lineItems: true });
    if (!value)
      throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce lost opportunity ${result.id} just written`);
    return { created: result.created, value };
  }

  async writeBackOpportunity(id: string, change: OpportunityWriteBackDto): Promise<OpportunityDto | undefined> {
    const record = await this.findOpportunityRecord(id);
    if (!record) return undefined;
    const body: Record<string, unknown> = {};
    if (change.projectCode !== undefined) body.Project_Code__c = change.projectCode;
    if (change.stage !== undefined) body.StageName = toSalesforceStageName(change.stage);
    const res = await this.client.request({
      method: 'PATCH',
      path: `/sobjects/Opportunity/${record.Id}`,
      body,
      retryable: true,
      write: { what: 'opportunity', fields: OPPORTUNITY_FIELD_MAP },
    });
    if (res.status === 404) return undefined;
    return this.getOpportunity(record.Id, { lineItems: true });
  }

  async upsertContract(contract: ContractWriteDto): Promise<UpsertOutcome<ContractDto>> {
    let body: Record<string, unknown>;
    try {
      body = toSalesforceContract(contract);
    } catch (e) {
      if (e instanceof ContractTermError) {
        throw new UnprocessableProblem(e.message, {
          vendor: SALESFORCE_VENDOR,
          field: 'endDate',
          errors: [{ field: 'endDate', message: e.message }],
        });
      }
      throw e;
    }
    body.AccountId = await this.salesforceIdOf('Account', contract.customerId, 'customerId');
    body.Opportunity__c = contract.opportunityId
      ? await this.salesforceIdOf('Opportunity', contract.opportunityId, 'opportunityId')
      : null;
    const result = await this.upsert('Contract', contract.id, body, 'contract', CONTRACT_FIELD_MAP);
    const value = await this.getContract(result.id);
    if (!value)
      throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce lost contract ${result.id} just written`);
    return { created: result.created, value };
  }

  /**
   * `PATCH /sobjects/{Obj}/External_Id__c/{id}`: Salesforce's idempotent create-or-update, so it is
   * retried on 5xx, 429 and timeouts like a read; a repeat finds the record the first attempt made.
   */
  private async upsert(
    object: string,
    externalId: string,
    body: Record<string, unknown>,
    what: string,
    fields: Readonly<Record<string, string>>,
  ): Promise<{ id: string; created: boolean }> {
    const send = () =>
      this.client.request<SalesforceUpsertResult>({
        method: 'PATCH',
        path: `/sobjects/${object}/External_Id__c/${encodeURIComponent(externalId)}`,
        body,
        retryable: true,
        write: { what, fields },
      });
    // Two upserts of one new external id racing: Salesforce inserts one and refuses the other with
    // DUPLICATE_VALUE; sent again, the loser finds the record and updates it.
    const res = await send().catch((e: unknown) => {
      if (e instanceof ProblemError && e.extra.vendorCode === 'DUPLICATE_VALUE') return send();
      throw e;
    });
    if (res.status === 404 || !res.body?.id) {
      throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, `salesforce answered ${res.status} to the ${what} upsert`);
    }
    return { id: res.body.id, created: res.status === 201 || res.body.created === true };
  }

  /** The Salesforce id of a referenced record (by canonical id); 422 naming `field` when there is none. */
  private async salesforceIdOf(object: 'Account' | 'Opportunity', id: string, field: string): Promise<string> {
    const pattern = object === 'Account' ? ACCOUNT_ID : OPPORTUNITY_ID;
    const records = await this.client.queryAll<{ Id: string; External_Id__c: string | null }>(
      selectFrom(object, ['Id', 'External_Id__c'], byIdOrExternalId(id, pattern), 'Id') + ' LIMIT 2',
    );
    const record = records.find((r) => r.External_Id__c === id) ?? records[0];
    if (!record) {
      const message = `${object.toLowerCase()} ${id} does not exist in salesforce`;
      throw new UnprocessableProblem(message, { field, errors: [{ field, message }] });
    }
    return record.Id;
  }

  async *accountChangesSince(since: Date): AsyncIterable<AccountChange[]> {
    const soql = selectAccounts(`LastModifiedDate >= ${soqlDateTime(since)}`, 'LastModifiedDate ASC, Id ASC');
    for await (const page of this.client.queryPages<SalesforceAccountRecord>(soql)) {
      const changes: AccountChange[] = [];
      for (const record of page) {
        let modifiedAt: string;
        try {
          modifiedAt = salesforceDateTimeToIso(record.LastModifiedDate);
        } catch (e) {
          this.log.warn({ err: e, salesforceId: record.Id }, 'skipping an account without a readable LastModifiedDate');
          continue;
        }
        try {
          changes.push({
            vendorId: record.Id,
            modifiedAt,
            customer: toCanonicalCustomer(record, {
              orgCurrency: this.orgCurrency,
              defaultPaymentTermsDays: this.config.defaultPaymentTermsDays,
            }),
          });
        } catch (e) {
          if (!(e instanceof SalesforceMappingError)) throw e;
          changes.push({ vendorId: record.Id, modifiedAt, notCustomer: e.message });
        }
      }
      yield changes;
    }
  }

  async listAccounts(): Promise<AccountDto[]> {
    const records = await this.client.queryAll<SalesforceAccountRecord>(selectAccounts(undefined, 'Name, Id'));
    return records.map((r) => this.toCanonicalAccount(r));
  }

  async getAccount(id: string): Promise<AccountDto | undefined> {
    const where = byIdOrExternalId(id, ACCOUNT_ID);
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

  private toCanonicalContract(record: SalesforceContractRecord): ContractDto {
    return this.mapped(() =>
      toCanonicalContract(record, {
        orgCurrency: this.orgCurrency,
        defaultPaymentTermsDays: this.config.defaultPaymentTermsDays,
      }),
    );
  }

  /** A record the canonical model cannot hold answers 502 naming salesforce and the record. */
  private mapped<T>(map: () => T): T {
    try {
      return map();
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
