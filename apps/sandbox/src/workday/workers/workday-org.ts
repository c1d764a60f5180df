import { createHash } from 'node:crypto';

/** The demo firm's legal entities and their currencies (the only ones a hire or transfer may name). */
export const LEGAL_ENTITIES: Readonly<Record<string, { currency: string; country: string; name: string }>> = {
  'US-01': { currency: 'USD', country: 'United States', name: 'Demo Firm Inc.' },
  'DE-01': { currency: 'EUR', country: 'Germany', name: 'Demo Firm GmbH' },
  'UK-01': { currency: 'GBP', country: 'United Kingdom', name: 'Demo Firm Ltd' },
};

/** A stable 32-hex Workday ID for anything (worker, organisation) from its natural key. */
export function widOf(kind: string, key: string): string {
  return createHash('sha256').update(`${kind}:${key}`).digest('hex').slice(0, 32);
}
