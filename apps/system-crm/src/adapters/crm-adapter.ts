import type {
  AccountDto,
  AccountWriteDto,
  ContractDto,
  ContractWriteDto,
  CustomerDto,
  OpportunityDto,
  OpportunityLineItemDto,
  OpportunityStage,
  OpportunityWriteBackDto,
  OpportunityWriteDto,
} from '@app/contracts';

/** Filter of an opportunity listing (vendor-neutral). */
export interface OpportunityFilter {
  stage?: OpportunityStage;
}

/** One opportunity as a change feed sees it: the canonical record plus the vendor's change clock. */
export interface OpportunityChange {
  /** The vendor's own id (the snapshot key). */
  vendorId: string;
  /** When the vendor last modified the record (its clock, RFC 3339 UTC). */
  modifiedAt: string;
  opportunity: OpportunityDto;
}

/** One account as the change feed sees it. */
export interface AccountChange {
  vendorId: string;
  modifiedAt: string;
  /** The canonical customer; absent when the account is not a billable customer (`notCustomer` says why). */
  customer?: CustomerDto;
  notCustomer?: string;
}

/** A create-or-update: whether the vendor created the record, and the record as it now is. */
export interface UpsertOutcome<T> {
  created: boolean;
  value: T;
}

/**
 * What system-crm needs from a CRM. One implementation per vendor (adapters/<vendor>/), chosen by
 * the module; callers inject `CRM_ADAPTER` and never see the vendor's format.
 */
export interface CrmAdapter {
  /** Lowercase system name, the key in `crossReferences` (e.g. `salesforce`). */
  readonly system: string;

  /** Every opportunity matching the filter (all pages). */
  listOpportunities(filter: OpportunityFilter): Promise<OpportunityDto[]>;

  /** One opportunity by canonical id or by the vendor's id, with its line items; undefined when none. */
  getOpportunity(id: string, options?: { lineItems?: boolean }): Promise<OpportunityDto | undefined>;

  /**
   * Every line item of an opportunity (by the vendor's id), all pages, in the deal's order. A line the
   * canonical model cannot hold fails the call (502), or with `skipUnmappable` is logged and left out
   * (a change feed must not block on one bad line).
   */
  lineItemsOf(vendorId: string, options?: { skipUnmappable?: boolean }): Promise<OpportunityLineItemDto[]>;

  /** Every account (all pages), ordered by name. */
  listAccounts(): Promise<AccountDto[]>;

  /** One account by canonical id or by the vendor's id; undefined when there is none. */
  getAccount(id: string): Promise<AccountDto | undefined>;

  /** Every contract (all pages). */
  listContracts(): Promise<ContractDto[]>;

  /** One contract by canonical id or by the vendor's id; undefined when there is none. */
  getContract(id: string): Promise<ContractDto | undefined>;

  /** Creates or updates the account with this canonical id (safe to retry: one record per id). */
  upsertAccount(id: string, account: AccountWriteDto): Promise<UpsertOutcome<AccountDto>>;

  /** Creates or updates the opportunity with this canonical id (safe to retry). */
  upsertOpportunity(id: string, opportunity: OpportunityWriteDto): Promise<UpsertOutcome<OpportunityDto>>;

  /** Writes the project code and/or stage back to an existing opportunity; undefined when none. */
  writeBackOpportunity(id: string, change: OpportunityWriteBackDto): Promise<OpportunityDto | undefined>;

  /** Creates or updates the contract with `contract.id` (safe to retry). */
  upsertContract(contract: ContractWriteDto): Promise<UpsertOutcome<ContractDto>>;

  /** Opportunities modified at or after `since`, oldest change first, one page at a time. */
  changesSince(since: Date): AsyncIterable<OpportunityChange[]>;

  /** Opportunities currently in `stage` last modified before `before` (a baseline), page by page. */
  currentInStage(stage: OpportunityStage, before: Date): AsyncIterable<OpportunityChange[]>;

  /** Accounts modified at or after `since`, oldest change first, one page at a time. */
  accountChangesSince(since: Date): AsyncIterable<AccountChange[]>;
}

/** Injection token of the active CrmAdapter. */
export const CRM_ADAPTER = Symbol('CRM_ADAPTER');
