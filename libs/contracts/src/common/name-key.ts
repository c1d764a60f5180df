/**
 * The key two company names are compared by (the duplicate-customer rule of provisioning, and the
 * `nameKey` filter of system-erp's customer list): lower case, accents, punctuation and legal-form
 * suffixes removed, so `ACME, Inc.` and `Acme` have the same key `acme`. The one copy of the rule.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(inc|llc|ltd|limited|gmbh|ag|corp|corporation|co|company|plc|sa|sarl|bv|nv)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `key` is already a name key (what `normalizeName` gives back for it). */
export function isNameKey(key: string): boolean {
  return normalizeName(key) === key;
}
