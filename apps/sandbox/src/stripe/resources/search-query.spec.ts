import { StripeApiError } from '../common/stripe-api.error';
import { parseSearchQuery } from './search-query';

describe('Stripe sandbox search query', () => {
  it('reads metadata, customer, status and created clauses joined by AND', () => {
    expect(
      parseSearchQuery(
        "metadata['project_id']:'PRJ-1' AND customer:'cus_1' AND status:'open' AND created>=100 AND created<200",
      ),
    ).toEqual({
      contains: { metadata: { project_id: 'PRJ-1' } },
      customer: 'cus_1',
      status: 'open',
      created: { gte: 100, lte: 199 },
    });
    expect(parseSearchQuery('created>5 AND created<=9')).toEqual({ created: { gte: 6, lte: 9 } });
  });

  it("answers Stripe's 400 for what it does not understand", () => {
    expect(() => parseSearchQuery('total>100')).toThrow(StripeApiError);
    expect(() => parseSearchQuery("metadata['a']:'b' OR customer:'c'")).toThrow(/not supported/);
  });
});
