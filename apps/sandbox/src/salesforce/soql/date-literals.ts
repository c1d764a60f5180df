/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:30`...) resolved to a half-open UTC range
 * [start, end) in epoch milliseconds. Salesforce resolves them in the running user's time zone;
 * the sandbox's user lives in UTC. Weeks start on Sunday (en_US locale); quarters and years are
 * calendar quarters and years (the demo org uses no custom fiscal year, so FISCAL_* literals are
 * not supported).
 */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

const DAY = 86_400_000;

const FIXED = [
  'YESTERDAY',
  'TODAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
  'LAST_QUARTER',
  'THIS_QUARTER',
  'NEXT_QUARTER',
  'LAST_YEAR',
  'THIS_YEAR',
  'NEXT_YEAR',
] as const;

const PARAMETERISED = [
  'LAST_N_DAYS',
  'NEXT_N_DAYS',
  'N_DAYS_AGO',
  'LAST_N_WEEKS',
  'NEXT_N_WEEKS',
  'N_WEEKS_AGO',
  'LAST_N_MONTHS',
  'NEXT_N_MONTHS',
  'N_MONTHS_AGO',
  'LAST_N_QUARTERS',
  'NEXT_N_QUARTERS',
  'N_QUARTERS_AGO',
  'LAST_N_YEARS',
  'NEXT_N_YEARS',
  'N_YEARS_AGO',
] as const;

const FIXED_SET = new Set<string>(FIXED);
const PARAMETERISED_SET = new Set<string>(PARAMETERISED);

export function isDateLiteralName(name: string): boolean {
  return FIXED_SET.has(name) || PARAMETERISED_SET.has(name);
}

export function isParameterisedDateLiteral(name: string): boolean {
  return PARAMETERISED_SET.has(name);
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function startOfWeek(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

/** Start of the month `offset` months from the month holding `ms`. */
function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

function quarterStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + offset * 3, 1);
}

function yearStart(ms: number, offset = 0): number {
  return Date.UTC(new Date(ms).getUTCFullYear() + offset, 0, 1);
}

/** The range a date literal denotes at instant `now`. */
export function resolveDateLiteral(name: string, n: number | undefined, now: Date): TimeRange {
  const t = now.getTime();
  const today = startOfDay(t);
  const week = startOfWeek(t);
  const k = n ?? 0;
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: week - 7 * DAY, end: week };
    case 'THIS_WEEK':
      return { start: week, end: week + 7 * DAY };
    case 'NEXT_WEEK':
      return { start: week + 7 * DAY, end: week + 14 * DAY };
    case 'LAST_MONTH':
      return { start: monthStart(t, -1), end: monthStart(t) };
    case 'THIS_MONTH':
      return { start: monthStart(t), end: monthStart(t, 1) };
    case 'NEXT_MONTH':
      return { start: monthStart(t, 1), end: monthStart(t, 2) };
    case 'LAST_90_DAYS':
      return resolveDateLiteral('LAST_N_DAYS', 90, now);
    case 'NEXT_90_DAYS':
      return resolveDateLiteral('NEXT_N_DAYS', 90, now);
    case 'LAST_QUARTER':
      return { start: quarterStart(t, -1), end: quarterStart(t) };
    case 'THIS_QUARTER':
      return { start: quarterStart(t), end: quarterStart(t, 1) };
    case 'NEXT_QUARTER':
      return { start: quarterStart(t, 1), end: quarterStart(t, 2) };
    case 'LAST_YEAR':
      return { start: yearStart(t, -1), end: yearStart(t) };
    case 'THIS_YEAR':
      return { start: yearStart(t), end: yearStart(t, 1) };
    case 'NEXT_YEAR':
      return { start: yearStart(t, 1), end: yearStart(t, 2) };
    // "Last n days" includes today and the n days before it; "next n days" starts tomorrow.
    case 'LAST_N_DAYS':
      return { start: today - k * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (k + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - k * DAY, end: today - (k - 1) * DAY };
    case 'LAST_N_WEEKS':
      return { start: week - 7 * k * DAY, end: week };
    case 'NEXT_N_WEEKS':
      return { start: week + 7 * DAY, end: week + 7 * (k + 1) * DAY };
    case 'N_WEEKS_AGO':
      return { start: week - 7 * k * DAY, end: week - 7 * (k - 1) * DAY };
    case 'LAST_N_MONTHS':
      return { start: monthStart(t, -k), end: monthStart(t) };
    case 'NEXT_N_MONTHS':
      return { start: monthStart(t, 1), end: monthStart(t, k + 1) };
    case 'N_MONTHS_AGO':
      return { start: monthStart(t, -k), end: monthStart(t, -k + 1) };
    case 'LAST_N_QUARTERS':
      return { start: quarterStart(t, -k), end: quarterStart(t) };
    case 'NEXT_N_QUARTERS':
      return { start: quarterStart(t, 1), end: quarterStart(t, k + 1) };
    case 'N_QUARTERS_AGO':
      return { start: quarterStart(t, -k), end: quarterStart(t, -k + 1) };
    case 'LAST_N_YEARS':
      return { start: yearStart(t, -k), end: yearStart(t) };
    case 'NEXT_N_YEARS':
      return { start: yearStart(t, 1), end: yearStart(t, k + 1) };
    case 'N_YEARS_AGO':
      return { start: yearStart(t, -k), end: yearStart(t, -k + 1) };
    default:
      throw new Error(`unknown date literal ${name}`);
  }
}
