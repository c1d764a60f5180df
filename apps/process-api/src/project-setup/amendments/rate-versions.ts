/**
 * Pure rules for pricing work by date: which rate-card version (the PSA card's, or a contract
 * amendment's) is in force on a work date, and the bill rate of a role in it. No I/O: unit tested.
 */

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface BillRate {
  role: string;
  hourlyRate: Money;
}

/** A version of the project's PSA rate card (canonical shape: `effectiveTo` exclusive, absent = open). */
export interface RateVersion {
  id: string;
  version?: number;
  effectiveFrom: string;
  effectiveTo?: string;
  billRates: readonly BillRate[];
}

/** The rates a contract amendment put in force from its effective date (the full set, merged). */
export interface AmendmentRates {
  amendmentId: string;
  effectiveFrom: string;
  /** The PSA version written for it (null until propagated). */
  versionId: string | null;
  billRates: readonly BillRate[];
}

/** What a project's pricing reads: its PSA card's own versions and its amendments' rates. */
export interface PriceBookData {
  projectId: string;
  currency: string;
  /** Canonical id of the PSA rate card (null: the PSA has no card in the project currency). */
  rateCardId: string | null;
  base: readonly RateVersion[];
  amendments: readonly AmendmentRates[];
}

/** The bill rate of a role on a work date, and where it came from (for invoice lineage). */
export interface PricedRate {
  hourlyRate: Money;
  rateCardId: string | null;
  /** The version id (PSA version, or `amendment:<id>` before the PSA has one). */
  rateCardVersion: string;
  /** First day that version applies. */
  effectiveFrom: string;
  /** The amendment whose rates apply, null for the card's own version. */
  amendmentId: string | null;
}

/**
 * The card's own versions without those written by amendments (an amendment's rates belong to one
 * contract, even though the PSA keeps them on the shared card), each open until the next remaining one.
 */
export function baseVersions(
  versions: readonly RateVersion[],
  amendmentVersionIds: ReadonlySet<string>,
): RateVersion[] {
  const kept = versions
    .filter((v) => !amendmentVersionIds.has(v.id))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return kept.map((v, i) => {
    const next = kept[i + 1];
    const { effectiveTo: _dropped, ...rest } = v;
    return next ? { ...rest, effectiveTo: next.effectiveFrom } : rest;
  });
}

/** The version of `versions` in force on `date` (YYYY-MM-DD): effectiveFrom <= date < effectiveTo. */
export function versionOn(versions: readonly RateVersion[], date: string): RateVersion | undefined {
  let found: RateVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (v.effectiveTo === undefined || date < v.effectiveTo)) {
      if (!found || v.effectiveFrom > found.effectiveFrom) found = v;
    }
  }
  return found;
}

/** The latest amendment with rates effective on or before `date`. */
export function amendmentOn(amendments: readonly AmendmentRates[], date: string): AmendmentRates | undefined {
  let found: AmendmentRates | undefined;
  for (const a of amendments)
    if (a.effectiveFrom <= date && (!found || a.effectiveFrom >= found.effectiveFrom)) found = a;
  return found;
}

/**
 * The rate of `role` on `date`: an amendment's rates from its effective date on (the contract's
 * negotiated rates win over the card's later versions), else the card's version in force that day.
 * Null when no version is in force or it has no rate for the role (billing then holds the entry).
 */
export function priceOn(book: PriceBookData, role: string, date: string): PricedRate | null {
  const amendment = amendmentOn(book.amendments, date);
  if (amendment) {
    const rate = amendment.billRates.find((r) => r.role === role)?.hourlyRate;
    if (!rate) return null;
    return {
      hourlyRate: { amountMinor: rate.amountMinor, currency: rate.currency },
      rateCardId: book.rateCardId,
      rateCardVersion: amendment.versionId ?? `amendment:${amendment.amendmentId}`,
      effectiveFrom: amendment.effectiveFrom,
      amendmentId: amendment.amendmentId,
    };
  }
  const version = versionOn(book.base, date);
  const rate = version?.billRates.find((r) => r.role === role)?.hourlyRate;
  if (!version || !rate) return null;
  return {
    hourlyRate: { amountMinor: rate.amountMinor, currency: rate.currency },
    rateCardId: book.rateCardId,
    rateCardVersion: version.id,
    effectiveFrom: version.effectiveFrom,
    amendmentId: null,
  };
}

/**
 * The full rate set an amendment puts in force: the rates in force on its effective date (the card's,
 * or an earlier amendment's), with the roles it names replaced or added.
 */
export function mergedRates(book: PriceBookData, effectiveFrom: string, changes: readonly BillRate[]): BillRate[] {
  const before =
    amendmentOn(book.amendments, effectiveFrom)?.billRates ?? versionOn(book.base, effectiveFrom)?.billRates ?? [];
  const out = new Map<string, BillRate>();
  for (const r of before) out.set(r.role, { role: r.role, hourlyRate: { ...r.hourlyRate } });
  for (const r of changes) out.set(r.role, { role: r.role, hourlyRate: { ...r.hourlyRate } });
  return [...out.values()].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
}
