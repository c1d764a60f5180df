/** Consumer group of billing's intake (time.approved, expense.approved, milestone.completed from the PSA). */
export const BILLING_INTAKE_GROUP = 'process.billing.intake';

/** Business exception kind of an item a run cannot bill now (one open exception per project and reason). */
export const BILLING_ITEM_HELD = 'billing-item-held';

/** Business exception kind of an invoice a vendor refused for good. */
export const BILLING_INVOICE_FAILED = 'billing-invoice-failed';

/** Why an item is held. */
export const HoldReasons = [
  'inactive-worker',
  'missing-rate',
  'project-on-billing-hold',
  'fixed-fee-cap-reached',
  'unknown-project',
  'currency-mismatch',
  'missing-tax-rate',
] as const;
export type HoldReason = (typeof HoldReasons)[number];

/** The scope a consumer needs to approve a billing run (four-eyes: never the consumer who started it). */
export const BILLING_APPROVER_SCOPE = 'billing-approver';
