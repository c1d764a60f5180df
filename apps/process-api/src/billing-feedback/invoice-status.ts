/** The payment state the CRM and the PSA show for an invoice. */
export const FeedbackStatuses = ['open', 'partially_paid', 'overdue', 'paid', 'voided'] as const;
export type FeedbackStatus = (typeof FeedbackStatuses)[number];

/** Order of the states: a state only ever moves up; paid and voided are final. */
const RANK: Record<FeedbackStatus, number> = { open: 0, partially_paid: 1, overdue: 2, paid: 3, voided: 3 };

export function isFinal(status: FeedbackStatus): boolean {
  return status === 'paid' || status === 'voided';
}

export interface FeedbackState {
  status: FeedbackStatus;
  totalMinor: number;
  amountPaidMinor: number;
  paidDate?: string;
}

/** What an event says by its type alone (`invoice.paid` from the ERP: paid even if the billing platform lags). */
export type ImpliedStatus = 'paid' | 'overdue' | 'voided' | undefined;

export interface Observation {
  /** The billing platform's canonical status: draft, finalized, paid, void, uncollectible. */
  billingStatus: string;
  totalMinor: number;
  amountPaidMinor: number;
  dueDate?: string;
  /** Day paid in full (YYYY-MM-DD), when known. */
  paidDate?: string;
  implied: ImpliedStatus;
  /** Today (UTC, YYYY-MM-DD). */
  today: string;
}

/**
 * The state an observation shows. Overdue: still due after the due date, a failed payment attempt
 * (the money due did not arrive when it was collected), or marked uncollectible; partially paid:
 * something paid, the rest not yet overdue.
 */
export function observe(o: Observation): FeedbackState {
  const base = { totalMinor: o.totalMinor, amountPaidMinor: o.amountPaidMinor };
  if (o.implied === 'voided' || o.billingStatus === 'void') return { ...base, status: 'voided' };
  if (o.implied === 'paid' || o.billingStatus === 'paid')
    return {
      status: 'paid',
      totalMinor: o.totalMinor,
      amountPaidMinor: Math.max(o.amountPaidMinor, o.totalMinor),
      paidDate: o.paidDate ?? o.today,
    };
  const pastDue = o.dueDate !== undefined && o.dueDate < o.today;
  if (o.implied === 'overdue' || pastDue || o.billingStatus === 'uncollectible') return { ...base, status: 'overdue' };
  if (o.amountPaidMinor > 0) return { ...base, status: 'partially_paid' };
  return { ...base, status: 'open' };
}

/**
 * The next state from what was last applied and what is observed now: never backwards. A final state
 * stays; otherwise the higher state wins and the amount paid only grows.
 */
export function advance(previous: FeedbackState | undefined, next: FeedbackState): FeedbackState {
  if (!previous) return next;
  if (isFinal(previous.status)) return previous;
  if (isFinal(next.status)) return next;
  const status = RANK[next.status] >= RANK[previous.status] ? next.status : previous.status;
  return {
    status,
    totalMinor: next.totalMinor,
    amountPaidMinor: Math.max(previous.amountPaidMinor, next.amountPaidMinor),
  };
}

export function sameState(a: FeedbackState, b: FeedbackState): boolean {
  return a.status === b.status && a.amountPaidMinor === b.amountPaidMinor && a.totalMinor === b.totalMinor;
}
