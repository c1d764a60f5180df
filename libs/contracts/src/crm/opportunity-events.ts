import type { OpportunityDto, OpportunityStage } from './opportunity.dto';

/** Event types published by the CRM system API. */
export const CrmEventTypes = {
  /** An opportunity moved into closed-won (emitted once per move, never for history). */
  OpportunityClosedWon: 'opportunity.closed_won',
} as const;
export type CrmEventType = (typeof CrmEventTypes)[keyof typeof CrmEventTypes];

/** Version of the `opportunity.closed_won` payload. */
export const OPPORTUNITY_CLOSED_WON_VERSION = 1;

/**
 * Payload of `opportunity.closed_won` (envelope subject: the opportunity's canonical id).
 * `opportunity` is the canonical opportunity as it was when the change was seen, with its
 * `lineItems` (time by role, milestones).
 */
export interface OpportunityClosedWonData {
  opportunity: OpportunityDto;
  /**
   * Stage before the move when system-crm knows it; null when it does not (the opportunity was
   * created won, or had not changed since the change feed started).
   */
  previousStage: OpportunityStage | null;
  /** When the CRM recorded the change (RFC 3339). */
  changedAt: string;
}
