import { compileODataFilter, ODataFieldType, ODataFilterError, parseODataFilter } from './odata-filter';

const fields: Record<string, ODataFieldType> = {
  id: 'guid',
  number: 'string',
  displayName: 'string',
  balance: 'number',
  blocked: 'boolean',
  invoiceDate: 'date',
  lastModifiedDateTime: 'datetime',
};

const rows = [
  {
    id: '5f1c2b10-0001-4a6e-9c1d-000000000001',
    number: 'C10000',
    displayName: "O'Hara Ltd",
    balance: 10,
    blocked: false,
    invoiceDate: '2025-01-31',
    lastModifiedDateTime: '2025-01-06T09:00:00Z',
  },
  {
    id: '5f1c2b10-0002-4a6e-9c1d-000000000002',
    number: 'C10001',
    displayName: 'Globex',
    balance: 250.5,
    blocked: true,
    invoiceDate: '2025-02-28',
    lastModifiedDateTime: '2025-02-01T10:00:00Z',
  },
  {
    id: '5f1c2b10-0003-4a6e-9c1d-000000000003',
    number: 'C10002',
    displayName: 'Acme',
    balance: -5,
    blocked: false,
    invoiceDate: null,
    lastModifiedDateTime: '2025-03-15T12:30:00Z',
  },
];

const numbers = (filter: string) =>
  rows.filter(compileODataFilter(parseODataFilter(filter), fields)).map((r) => r.number);

describe('OData $filter', () => {
  it('compares strings (case-insensitively for eq), numbers, booleans and nulls', () => {
    expect(numbers("number eq 'c10001'")).toEqual(['C10001']);
    expect(numbers("displayName eq 'O''Hara Ltd'")).toEqual(['C10000']);
    expect(numbers('balance gt 10')).toEqual(['C10001']);
    expect(numbers('balance ge 10 and balance le 300')).toEqual(['C10000', 'C10001']);
    expect(numbers('balance lt 0 or blocked eq true')).toEqual(['C10001', 'C10002']);
    expect(numbers('blocked ne true')).toEqual(['C10000', 'C10002']);
    expect(numbers('invoiceDate eq null')).toEqual(['C10002']);
    expect(numbers('10 lt balance')).toEqual(['C10001']);
  });

  it('compares dates, date-times and GUIDs', () => {
    expect(numbers('invoiceDate lt 2025-02-01')).toEqual(['C10000']);
    expect(numbers('lastModifiedDateTime ge 2025-02-01T10:00:00Z')).toEqual(['C10001', 'C10002']);
    expect(numbers('lastModifiedDateTime gt 2025-02-01T11:00:00+01:00')).toEqual(['C10002']);
    expect(numbers('id eq 5F1C2B10-0002-4A6E-9C1D-000000000002')).toEqual(['C10001']);
  });

  it('supports contains, startswith, endswith, not and parentheses with and binding tighter than or', () => {
    expect(numbers("contains(displayName,'glob')")).toEqual(['C10001']);
    expect(numbers("startswith(number,'C1000') and not (balance lt 0)")).toEqual(['C10000', 'C10001']);
    expect(numbers("endswith(displayName,'ltd') eq false")).toEqual(['C10001', 'C10002']);
    expect(numbers("number eq 'C10000' or number eq 'C10001' and balance gt 100")).toEqual(['C10000', 'C10001']);
    expect(numbers("(number eq 'C10000' or number eq 'C10001') and balance gt 100")).toEqual(['C10001']);
  });

  it('rejects bad syntax, unknown properties and mismatched types', () => {
    expect(() => numbers("number eq 'open")).toThrow(ODataFilterError);
    expect(() => numbers('number eq')).toThrow(/unexpected end/);
    expect(() => numbers("colour eq 'red'")).toThrow(/Could not find a property named 'colour'/);
    expect(() => numbers("balance eq '10'")).toThrow(/incompatible/);
    expect(() => numbers('number gt 5 5')).toThrow(/unexpected '5'/);
    expect(() => numbers("contains(balance,'1')")).toThrow(/string property/);
    expect(() => numbers('invoiceDate eq 2025-02-30x')).toThrow(ODataFilterError);
  });
});
