import { createHash } from 'node:crypto';
import { invoiceTotals, lineTax, taxShares, timeLine, type Allocation } from '../money/money';
import type { BillableItemKind } from '../entities';

/** An item the run may bill, priced and taxed (enrichment done). */
export interface PricedItem {
  itemId: string;
  kind: BillableItemKind;
  sourceId: string;
  change: 'original' | 'revision' | 'reversal';
  workDate: string;
  customerId: string;
  projectId: string;
  contractId: string;
  currency: string;
  role: string | null;
  minutes: number | null;
  /** Time: the rate-card rate; other kinds: null. */
  rateMinor: bigint | null;
  psaRateMinor: bigint | null;
  rateCardId: string | null;
  rateCardVersion: string | null;
  amendmentId: string | null;
  /** Expense, milestone, fee: the amount. */
  amountMinor: bigint | null;
  taxRateBasisPoints: number;
  description: string | null;
}

export interface ComposedShare extends Allocation {
  allocatedTaxMinor: bigint;
  item: PricedItem;
}

export interface ComposedLine {
  id: string;
  sequence: number;
  kind: BillableItemKind | 'adjustment';
  description: string;
  role: string | null;
  minutes: number | null;
  rateMinor: bigint | null;
  amountMinor: bigint;
  taxRateBasisPoints: number;
  taxMinor: bigint;
  contractId: string;
  rateCardId: string | null;
  rateCardVersion: string | null;
  amendmentId: string | null;
  shares: ComposedShare[];
}

export interface ComposedInvoice {
  id: string;
  customerId: string;
  projectId: string;
  contractId: string;
  currency: string;
  periodFrom: string;
  periodTo: string;
  lines: ComposedLine[];
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

/** Line order on an invoice: time and materials first, then milestones, fixed-fee instalments, retainers. */
const KIND_ORDER: Record<BillableItemKind, number> = { time: 0, expense: 1, milestone: 2, 'fixed-fee': 3, retainer: 4 };

/**
 * The invoice's canonical id, from its own identity: customer, project, currency, period and the exact set
 * of items it bills (never the run). Composing the same items again gives the same id.
 */
export function invoiceIdOf(
  customerId: string,
  projectId: string,
  currency: string,
  periodFrom: string,
  periodTo: string,
  itemIds: readonly string[],
): string {
  const identity = [customerId, projectId, currency, periodFrom, periodTo, ...[...itemIds].sort()].join('\n');
  return `inv-${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

/**
 * Groups priced items into invoices (one per customer, project and currency) and lines: time aggregated by
 * role, rate and tax rate (the money rule on the line's total minutes), each expense, milestone, instalment
 * and drawdown its own line; tax per line; totals as lines plus tax (docs/decisions/0004-money-rule.md).
 * Deterministic: the same items give the same invoices, lines, ids and shares in any input order.
 */
export function composeInvoices(items: readonly PricedItem[], periodFrom: string, periodTo: string): ComposedInvoice[] {
  const byInvoice = new Map<string, PricedItem[]>();
  for (const item of items) {
    const key = `${item.customerId}\u0000${item.projectId}\u0000${item.currency}`;
    const group = byInvoice.get(key) ?? [];
    group.push(item);
    byInvoice.set(key, group);
  }
  const invoices: ComposedInvoice[] = [];
  for (const group of byInvoice.values()) {
    const first = group[0];
    const id = invoiceIdOf(
      first.customerId,
      first.projectId,
      first.currency,
      periodFrom,
      periodTo,
      group.map((i) => i.itemId),
    );
    const lines = composeLines(id, group);
    const totals = invoiceTotals(lines);
    invoices.push({
      id,
      customerId: first.customerId,
      projectId: first.projectId,
      contractId: first.contractId,
      currency: first.currency,
      periodFrom,
      periodTo,
      lines,
      ...totals,
    });
  }
  return invoices.sort((a, b) => a.projectId.localeCompare(b.projectId) || a.currency.localeCompare(b.currency));
}

const byDateThenId = (a: PricedItem, b: PricedItem) =>
  a.workDate.localeCompare(b.workDate) || a.itemId.localeCompare(b.itemId);

function composeLines(invoiceId: string, items: readonly PricedItem[]): ComposedLine[] {
  const timeGroups = new Map<string, PricedItem[]>();
  const single: PricedItem[] = [];
  for (const item of items) {
    if (item.kind !== 'time') {
      single.push(item);
      continue;
    }
    const key = `${item.role}\u0000${item.rateMinor}\u0000${item.taxRateBasisPoints}`;
    const group = timeGroups.get(key) ?? [];
    group.push(item);
    timeGroups.set(key, group);
  }
  const drafts: Array<Omit<ComposedLine, 'id' | 'sequence'>> = [];
  const timeKeys = [...timeGroups.entries()].sort(([, a], [, b]) => {
    const x = a[0];
    const y = b[0];
    return (
      (x.role ?? '').localeCompare(y.role ?? '') ||
      (x.rateMinor! < y.rateMinor! ? -1 : x.rateMinor! > y.rateMinor! ? 1 : 0) ||
      x.taxRateBasisPoints - y.taxRateBasisPoints
    );
  });
  for (const [, group] of timeKeys) {
    const sorted = [...group].sort(byDateThenId);
    const head = sorted[0];
    const line = timeLine(
      head.rateMinor!,
      sorted.map((i) => ({ key: i.itemId, order: i.workDate, minutes: i.minutes ?? 0 })),
    );
    const tax = lineTax(line.amountMinor, head.taxRateBasisPoints);
    const versions = new Set(sorted.map((i) => i.rateCardVersion));
    drafts.push({
      kind: line.minutes > 0n ? 'time' : 'adjustment',
      description: `${head.role}: ${formatHours(line.minutes)} h at ${head.rateMinor} ${head.currency} minor units per hour`,
      role: head.role,
      minutes: Number(line.minutes),
      rateMinor: head.rateMinor,
      amountMinor: line.amountMinor,
      taxRateBasisPoints: head.taxRateBasisPoints,
      taxMinor: tax,
      contractId: head.contractId,
      rateCardId: head.rateCardId,
      rateCardVersion: versions.size === 1 ? head.rateCardVersion : [...versions].sort().join(','),
      amendmentId: head.amendmentId,
      shares: withTax(line.shares, tax, head.taxRateBasisPoints, sorted),
    });
  }
  for (const item of [...single].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byDateThenId(a, b))) {
    const amount = item.amountMinor ?? 0n;
    const tax = lineTax(amount, item.taxRateBasisPoints);
    const shares: Allocation[] = [{ key: item.itemId, exactShare: amount.toString(), allocatedMinor: amount }];
    drafts.push({
      kind: item.change === 'reversal' ? 'adjustment' : item.kind,
      description: item.description ?? item.kind,
      role: null,
      minutes: null,
      rateMinor: null,
      amountMinor: amount,
      taxRateBasisPoints: item.taxRateBasisPoints,
      taxMinor: tax,
      contractId: item.contractId,
      rateCardId: null,
      rateCardVersion: null,
      amendmentId: null,
      shares: withTax(shares, tax, item.taxRateBasisPoints, [item]),
    });
  }
  return drafts.map((d, i) => ({ ...d, id: `${invoiceId}-${i + 1}`, sequence: i + 1 }));
}

function withTax(shares: Allocation[], tax: bigint, bp: number, items: readonly PricedItem[]): ComposedShare[] {
  const byId = new Map(items.map((i) => [i.itemId, i]));
  const taxes = taxShares(
    tax,
    bp,
    shares.map((s) => ({ key: s.key, order: byId.get(s.key)!.workDate, amountMinor: s.allocatedMinor })),
  );
  const taxById = new Map(taxes.map((t) => [t.key, t.allocatedMinor]));
  return shares.map((s) => ({ ...s, allocatedTaxMinor: taxById.get(s.key)!, item: byId.get(s.key)! }));
}

function formatHours(minutes: bigint): string {
  const sign = minutes < 0n ? '-' : '';
  const abs = minutes < 0n ? -minutes : minutes;
  const hundredths = (abs * 100n) / 60n;
  return `${sign}${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
