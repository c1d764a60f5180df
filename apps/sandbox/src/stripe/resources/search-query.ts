import { StripeApiError } from '../common/stripe-api.error';
import type { ListFilter } from '../store/stripe-store';

/**
 * The subset of Stripe's Search Query Language the sandbox understands, for `/v1/invoices/search`:
 * clauses joined by `AND`, each `metadata['key']:'value'`, `customer:'cus_...'`, `status:'open'`,
 * or `created` compared with `>`, `>=`, `<`, `<=` to a unix time. Anything else is Stripe's 400.
 */
export function parseSearchQuery(query: string): ListFilter {
  const filter: ListFilter = {};
  const metadata: Record<string, string> = {};
  const clauses = query.split(/\s+AND\s+/);
  for (const raw of clauses) {
    const clause = raw.trim();
    let m = /^metadata\[['"]([^'"]+)['"]\]:['"]([^'"]*)['"]$/.exec(clause);
    if (m) {
      metadata[m[1]] = m[2];
      continue;
    }
    m = /^(customer|status):['"]([^'"]+)['"]$/.exec(clause);
    if (m) {
      filter[m[1] as 'customer' | 'status'] = m[2];
      continue;
    }
    m = /^created(>=|<=|>|<)(\d{1,12})$/.exec(clause);
    if (m) {
      const n = Number(m[2]);
      const created = (filter.created ??= {});
      if (m[1] === '>=') created.gte = n;
      else if (m[1] === '>') created.gte = n + 1;
      else if (m[1] === '<=') created.lte = n;
      else created.lte = n - 1;
      continue;
    }
    throw StripeApiError.invalid(
      `The search query \`${clause}\` is not supported: use metadata['key']:'value', customer:'id', status:'value' or created comparisons joined by AND.`,
      'query',
    );
  }
  if (Object.keys(metadata).length) filter.contains = { metadata };
  return filter;
}
