import type { AccountDto, OpportunityDto, OpportunityStage } from '@app/contracts';

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

/**
 * What system-crm needs from a CRM. One implementation per vendor (adapters/<vendor>/), chosen by
 * the module; callers inject `CRM_ADAPTER` and never see the vendor's format.
 */
export interface CrmAdapter {
  /** Lowercase system name, the key in `crossReferences` (e.g. `salesforce`). */
  readonly system: string;

  /** Every opportunity matching the filter (all pages). */
  listOpportunities(filter: OpportunityFilter): Promise<OpportunityDto[]>;

  /** One opportunity by canonical id or by the vendor's id; undefined when there is none. */
  getOpportunity(id: string): Promise<OpportunityDto | undefined>;

  /** Every account (all pages), ordered by name. */
  listAccounts(): Promise<AccountDto[]>;

  /** One account by canonical id or by the vendor's id; undefined when there is none. */
  getAccount(id: string): Promise<AccountDto | undefined>;

  /** Opportunities modified at or after `since`, oldest change first, one page at a time. */
  changesSince(since: Date): AsyncIterable<OpportunityChange[]>;

  /** Opportunities currently in `stage` last modified before `before` (a baseline), page by page. */
  currentInStage(stage: OpportunityStage, before: Date): AsyncIterable<OpportunityChange[]>;
}

/** Injection token of the active CrmAdapter. */
export const CRM_ADAPTER = Symbol('CRM_ADAPTER');
