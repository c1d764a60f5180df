import { createHash } from 'node:crypto';
import { deterministicId } from '../provisioning-rules';
import type { AmendmentChanges, ContractAmendmentEntity } from './contract-amendment.entity';

/** One invalid part of an amendment request, named by its field. */
export interface AmendmentProblem {
  field: string;
  message: string;
}

/** The contract as it stands before the new amendment. */
export interface ContractState {
  currency: string;
  startDate: string;
  endDate?: string;
  /** The latest effective date of the earlier amendments (none: undefined). */
  lastEffectiveDate?: string;
  /** An earlier amendment with a rate card is effective that day (the PSA keeps one version per day). */
  rateCardDates: ReadonlySet<string>;
  /** Milestone id -> billing status of its current schedule item (`scheduled`, `invoiced`...; null: none). */
  milestones: ReadonlyMap<string, string | null>;
  /** Role codes the PSA rate card knows (empty: unknown, not checked). */
  roles: ReadonlySet<string>;
}

/** Canonical JSON (sorted keys) of the changes: the same content always hashes the same. */
export function contentHash(changes: AmendmentChanges): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(changes)))
    .digest('hex');
}

/** Canonical id of the milestone an amendment adds (the k-th, 1-based, without an id). */
export function addedMilestoneId(projectId: string, amendmentId: string, k: number): string {
  return deterministicId('milestone', projectId, 'amendment', amendmentId, String(k));
}

/** The milestone ids of an amendment's milestone changes, in order (given, or derived for added ones). */
export function milestoneIdsOf(row: Pick<ContractAmendmentEntity, 'id' | 'projectId' | 'changes'>): string[] {
  let added = 0;
  return (row.changes.milestones ?? []).map((m) => m.id ?? addedMilestoneId(row.projectId, row.id, ++added));
}

/** Every rule an amendment must meet; each failure names its field. */
export function validateAmendment(
  effectiveDate: string,
  changes: AmendmentChanges,
  contract: ContractState,
): AmendmentProblem[] {
  const problems: AmendmentProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!changes.rateCard && !changes.budget && !changes.endDate && !changes.milestones?.length)
    add('changes', 'changes must name at least one of rateCard, budget, endDate, milestones');

  const end = changes.endDate ?? contract.endDate;
  if (effectiveDate < contract.startDate)
    add('effectiveDate', `effectiveDate ${effectiveDate} is before the contract start ${contract.startDate}`);
  if (end && effectiveDate > end)
    add('effectiveDate', `effectiveDate ${effectiveDate} is after the contract end ${end}`);
  if (contract.lastEffectiveDate && effectiveDate < contract.lastEffectiveDate)
    add(
      'effectiveDate',
      `effectiveDate ${effectiveDate} is before the effective date ${contract.lastEffectiveDate} of an earlier amendment`,
    );
  if (changes.endDate !== undefined && changes.endDate <= contract.startDate)
    add('changes.endDate', `endDate ${changes.endDate} must be after the contract start ${contract.startDate}`);

  const inCurrency = (field: string, money: { currency: string } | undefined) => {
    if (money && money.currency !== contract.currency)
      add(`${field}.currency`, `${money.currency} is not the contract currency ${contract.currency}`);
  };
  inCurrency('changes.budget', changes.budget);

  if (changes.rateCard) {
    if (contract.rateCardDates.has(effectiveDate))
      add(
        'changes.rateCard',
        `an earlier amendment already sets the rates effective ${effectiveDate}: use a later date`,
      );
    const seen = new Set<string>();
    changes.rateCard.rates.forEach((r, i) => {
      inCurrency(`changes.rateCard.rates[${i}].hourlyRate`, r.hourlyRate);
      if (seen.has(r.role)) add(`changes.rateCard.rates[${i}].role`, `role ${r.role} appears twice`);
      seen.add(r.role);
      if (contract.roles.size > 0 && !contract.roles.has(r.role))
        add(`changes.rateCard.rates[${i}].role`, `role ${r.role} is not on the project's rate card`);
    });
  }

  const ids = new Set<string>();
  (changes.milestones ?? []).forEach((m, i) => {
    inCurrency(`changes.milestones[${i}].amount`, m.amount);
    if (end && m.dueDate > end)
      add(`changes.milestones[${i}].dueDate`, `dueDate ${m.dueDate} is after the contract end ${end}`);
    if (m.id === undefined) return;
    if (ids.has(m.id)) add(`changes.milestones[${i}].id`, `milestone ${m.id} appears twice`);
    ids.add(m.id);
    if (!contract.milestones.has(m.id))
      add(`changes.milestones[${i}].id`, `milestone ${m.id} is not a milestone of this project`);
    else {
      const status = contract.milestones.get(m.id);
      if (status && status !== 'scheduled')
        add(
          `changes.milestones[${i}].id`,
          `milestone ${m.id} is already ${status}: it cannot change; add a milestone or issue a credit note instead`,
        );
    }
  });
  return problems;
}
