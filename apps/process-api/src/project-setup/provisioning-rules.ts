import { createHash } from 'node:crypto';

/** The parts of the CRM opportunity (as system-crm answers it) the workflow reads. */
export interface OpportunityData {
  id: string;
  name?: string;
  accountId?: string;
  legalEntity?: string;
  billingModel?: string;
  rateCardId?: string;
  taxProfile?: string;
  startDate?: string;
  endDate?: string;
  amount?: { amountMinor: number; currency: string };
  budget?: { amountMinor: number; currency: string };
  projectCode?: string;
  lineItems?: Array<{
    id?: string;
    kind?: string;
    description?: string;
    serviceDate?: string;
    quantity?: number;
    totalPrice?: { amountMinor: number; currency: string };
  }>;
}

export interface AccountData {
  id: string;
  name?: string;
  legalEntity?: string;
  currency?: string;
  billingCountry?: string;
}

export interface LegalEntityData {
  legalEntityId: string;
  currency: string;
}

export interface ScheduleItem {
  sequence: number;
  kind: 'milestone' | 'instalment' | 'retainer-drawdown';
  description: string;
  dueDate: string;
  amountMinor: number;
  currency: string;
}

/** The currency a billing country invoices in (the countries the firm bills; others are not checked). */
const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  ...Object.fromEntries(
    [
      'AT',
      'BE',
      'CY',
      'DE',
      'EE',
      'ES',
      'FI',
      'FR',
      'GR',
      'HR',
      'IE',
      'IT',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'PT',
      'SI',
      'SK',
    ].map((c) => [c, 'EUR']),
  ),
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every reason the opportunity cannot be provisioned (empty: valid): legal entity, currencies, tax
 * profile, and the contract terms the billing model needs.
 */
export function validateOpportunity(
  o: OpportunityData,
  account: AccountData | undefined,
  entities: LegalEntityData[],
): string[] {
  const reasons: string[] = [];
  const entity = o.legalEntity ? entities.find((e) => e.legalEntityId === o.legalEntity) : undefined;
  if (!o.legalEntity) reasons.push('the opportunity names no legal entity');
  else if (!entity) reasons.push(`legal entity ${o.legalEntity} does not exist in the ERP`);
  if (!o.accountId) reasons.push('the opportunity has no customer account');
  else if (!account) reasons.push(`customer account ${o.accountId} was not found in the CRM`);
  const currency = entity?.currency;
  for (const [label, money] of [
    ['amount', o.amount],
    ['budget', o.budget],
  ] as const) {
    if (!money) continue;
    if (money.amountMinor < 0) reasons.push(`the ${label} is negative (${money.amountMinor} ${money.currency})`);
    if (currency && money.currency !== currency)
      reasons.push(
        `the ${label} currency ${money.currency} disagrees with legal entity ${o.legalEntity} (${currency})`,
      );
  }
  if (account) {
    if (!account.billingCountry) reasons.push(`customer account ${account.id} has no billing country`);
    const countryCurrency = account.billingCountry ? COUNTRY_CURRENCY[account.billingCountry] : undefined;
    const billingCurrency = account.currency ?? o.amount?.currency;
    if (countryCurrency && billingCurrency && countryCurrency !== billingCurrency && currency !== billingCurrency)
      reasons.push(
        `billing country ${account.billingCountry} (${countryCurrency}) and billing currency ${billingCurrency} disagree`,
      );
    if (currency && account.currency && account.currency !== currency)
      reasons.push(
        `the account currency ${account.currency} disagrees with legal entity ${o.legalEntity} (${currency})`,
      );
  }
  if (!o.taxProfile) reasons.push('no tax profile is set');
  if (!o.startDate) reasons.push('the contract start date is missing');
  if (!o.endDate) reasons.push('the contract end date is missing');
  if (o.startDate && o.endDate && ISO_DATE.test(o.startDate) && ISO_DATE.test(o.endDate) && o.endDate < o.startDate)
    reasons.push(`the end date ${o.endDate} is before the start date ${o.startDate}`);
  const milestones = (o.lineItems ?? []).filter((l) => l.kind === 'milestone');
  switch (o.billingModel) {
    case undefined:
    case null:
    case '':
      reasons.push('the billing model is missing');
      break;
    case 'time-and-materials':
      if (!o.rateCardId) reasons.push('time-and-materials needs a rate card');
      break;
    case 'fixed-fee':
      if (!o.amount || o.amount.amountMinor <= 0) reasons.push('fixed fee needs a positive contract amount');
      break;
    case 'milestone':
      if (milestones.length === 0) reasons.push('milestone billing needs at least one milestone');
      milestones.forEach((m, i) => {
        const name = m.description ?? `milestone ${i + 1}`;
        if (!m.totalPrice || m.totalPrice.amountMinor <= 0) reasons.push(`${name} has no positive amount`);
        if (!m.serviceDate) reasons.push(`${name} has no due date`);
      });
      break;
    case 'retainer':
      if (!o.amount || o.amount.amountMinor <= 0) reasons.push('a retainer needs a positive contract amount');
      break;
    default:
      reasons.push(`unknown billing model ${o.billingModel}`);
  }
  return reasons;
}

/** The billing schedule the billing model implies (none for time and materials: billed from time). */
export function billingSchedule(o: OpportunityData): ScheduleItem[] {
  const currency = o.amount?.currency ?? o.budget?.currency ?? 'USD';
  if (o.billingModel === 'milestone') {
    return (o.lineItems ?? [])
      .filter((l) => l.kind === 'milestone')
      .map((m, i) => ({
        sequence: i + 1,
        kind: 'milestone' as const,
        description: m.description ?? `Milestone ${i + 1}`,
        dueDate: m.serviceDate!,
        amountMinor: m.totalPrice!.amountMinor,
        currency: m.totalPrice!.currency,
      }));
  }
  if ((o.billingModel === 'fixed-fee' || o.billingModel === 'retainer') && o.amount && o.startDate && o.endDate) {
    const months = monthStarts(o.startDate, o.endDate);
    const total = o.amount.amountMinor;
    const base = Math.floor(total / months.length);
    return months.map((dueDate, i) => ({
      sequence: i + 1,
      kind: o.billingModel === 'retainer' ? ('retainer-drawdown' as const) : ('instalment' as const),
      description: `${o.billingModel === 'retainer' ? 'Retainer drawdown' : 'Fixed-fee instalment'} ${i + 1}/${months.length}`,
      dueDate,
      // the last instalment takes the rounding remainder: the schedule sums to the contract amount
      amountMinor: i === months.length - 1 ? total - base * (months.length - 1) : base,
      currency,
    }));
  }
  return [];
}

/** The start date, then the first of each following month up to the end date (at least one). */
function monthStarts(start: string, end: string): string[] {
  const out = [start];
  let [y, m] = start.split('-').map(Number);
  for (;;) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    const next = `${y}-${String(m).padStart(2, '0')}-01`;
    if (next > end || out.length >= 120) break;
    out.push(next);
  }
  return out;
}

/** A UUID derived from a name (same input, same id: retries and replays address the same record). */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The project code every system shows: legal entity, year, and a short hash of the opportunity. */
export function projectCodeFor(o: OpportunityData): string {
  const year = (o.startDate ?? '').slice(0, 4) || 'XXXX';
  const hash = createHash('sha256').update(o.id).digest('hex').slice(0, 6).toUpperCase();
  return `${o.legalEntity ?? 'XX'}-${year}-${hash}`;
}

/** The name-key rule lives in @app/contracts (system-erp filters its customer list with the same rule). */
export { normalizeName } from '@app/contracts';
