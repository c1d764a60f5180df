import { FormParamsError, parseStripeParams, parseStripeQuery } from './form-params';

describe('parseStripeParams', () => {
  it('reads flat, nested, indexed and appended keys as Stripe does', () => {
    expect(
      parseStripeParams(
        'name=Acme+Ltd&metadata[canonical_id]=INV-1&metadata%5Bk%5D=v&expand[]=customer&expand[]=invoice&lines[0][type]=custom_line_item&lines[0][unit_amount]=5&lines[1][type]=x&period[start]=1',
      ),
    ).toEqual({
      name: 'Acme Ltd',
      metadata: { canonical_id: 'INV-1', k: 'v' },
      expand: ['customer', 'invoice'],
      lines: [{ type: 'custom_line_item', unit_amount: '5' }, { type: 'x' }],
      period: { start: '1' },
    });
  });

  it('keeps an empty value (Stripe clears a field with it) and decodes the query of a URL', () => {
    expect(parseStripeParams('description=&metadata=')).toEqual({ description: '', metadata: '' });
    expect(parseStripeQuery('/v1/invoices?limit=3&customer=cus_1')).toEqual({ limit: '3', customer: 'cus_1' });
    expect(parseStripeQuery('/v1/invoices')).toEqual({});
  });

  it('rejects keys the bracket syntax cannot hold', () => {
    expect(() => parseStripeParams('a[b=1')).toThrow(FormParamsError);
    expect(() => parseStripeParams('a=1&a[b]=2')).toThrow(FormParamsError);
  });
});
