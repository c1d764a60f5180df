import { parseSuiteQl, runSuiteQl, SuiteQlTable } from './suiteql-engine';
import { SuiteQlError } from './suiteql-error';

const table: SuiteQlTable = {
  columns: {
    id: 'number',
    companyname: 'string',
    subsidiary: 'reference',
    isinactive: 'boolean',
    lastmodifieddate: 'date',
    balance: 'number',
    email: 'string',
  },
  rows: [
    {
      id: 1,
      companyname: 'Acme',
      subsidiary: '1',
      isinactive: 'F',
      lastmodifieddate: new Date('2025-01-06T09:00:00Z'),
      balance: 10,
      email: 'a@x',
    },
    {
      id: 2,
      companyname: "O'Brien & Co",
      subsidiary: '2',
      isinactive: 'F',
      lastmodifieddate: new Date('2025-02-01T10:00:00Z'),
      balance: 250.5,
      email: null,
    },
    {
      id: 3,
      companyname: 'Globex',
      subsidiary: '1',
      isinactive: 'T',
      lastmodifieddate: new Date('2025-03-15T12:30:00Z'),
      balance: -5,
      email: 'g@x',
    },
  ],
};

const run = (q: string) => runSuiteQl(parseSuiteQl(q), table);
const ids = (q: string) => run(q).map((r) => r.id);

describe('SuiteQL engine', () => {
  it('projects columns in lowercase, with aliases, and leaves nulls out as NetSuite does', () => {
    expect(run('SELECT id, CompanyName AS name, email FROM customer WHERE id = 2')).toEqual([
      { id: 2, name: "O'Brien & Co" },
    ]);
    expect(Object.keys(run('SELECT * FROM customer')[0])).toEqual(Object.keys(table.columns));
  });

  it('filters with comparisons, AND binding tighter than OR, NOT and parentheses', () => {
    expect(ids("SELECT id FROM customer WHERE subsidiary = '1' AND isinactive = 'F' OR balance > 100")).toEqual([1, 2]);
    expect(ids("SELECT id FROM customer WHERE subsidiary = 1 AND (isinactive = 'T' OR balance >= 10)")).toEqual([1, 3]);
    expect(ids('SELECT id FROM customer WHERE NOT balance < 0 AND balance <> 10')).toEqual([2]);
    expect(ids('SELECT id FROM customer WHERE balance BETWEEN -10 AND 10')).toEqual([1, 3]);
  });

  it('filters on lastModifiedDate with TO_TIMESTAMP, TO_DATE and ISO strings', () => {
    expect(
      ids(
        "SELECT id FROM customer WHERE lastmodifieddate > TO_TIMESTAMP('2025-02-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS')",
      ),
    ).toEqual([3]);
    expect(
      ids(
        "SELECT id FROM customer WHERE lastmodifieddate >= TO_DATE('2025-02-01', 'YYYY-MM-DD') ORDER BY lastmodifieddate DESC",
      ),
    ).toEqual([3, 2]);
    expect(ids("SELECT id FROM customer WHERE lastModifiedDate >= '2025-02-01T10:00:00Z'")).toEqual([2, 3]);
    expect(run('SELECT lastmodifieddate FROM customer WHERE id = 1')).toEqual([
      { lastmodifieddate: '2025-01-06T09:00:00.000Z' },
    ]);
  });

  it('supports LIKE, IN, IS NULL with three-valued logic and string escapes', () => {
    expect(ids("SELECT id FROM customer WHERE companyname LIKE 'G%'")).toEqual([3]);
    expect(ids("SELECT id FROM customer WHERE companyname = 'O''Brien & Co'")).toEqual([2]);
    expect(ids('SELECT id FROM customer WHERE id IN (1, 3) AND email IS NOT NULL')).toEqual([1, 3]);
    expect(ids("SELECT id FROM customer WHERE email != 'a@x'")).toEqual([3]);
    expect(ids("SELECT id FROM customer WHERE NOT (email = 'a@x')")).toEqual([3]);
    expect(ids('SELECT id FROM customer WHERE email IS NULL')).toEqual([2]);
  });

  it('orders by several columns with Oracle null ordering', () => {
    expect(ids('SELECT id FROM customer ORDER BY subsidiary, balance DESC')).toEqual([1, 3, 2]);
    expect(ids('SELECT id FROM customer ORDER BY email')).toEqual([1, 3, 2]);
    expect(ids('SELECT id FROM customer ORDER BY email DESC')).toEqual([2, 3, 1]);
    expect(ids('SELECT c.id FROM customer c ORDER BY c.id DESC')).toEqual([3, 2, 1]);
  });

  it('compares LOWER(col) / UPPER(col) case-insensitively in conditions (the ERP customer name filter)', () => {
    expect(ids("SELECT id FROM customer WHERE LOWER(companyname) LIKE '%acme%'")).toEqual([1]);
    expect(ids("SELECT id FROM customer WHERE companyname LIKE '%acme%'")).toEqual([]);
    expect(ids("SELECT id FROM customer c WHERE UPPER(c.companyname) = 'GLOBEX'")).toEqual([3]);
    expect(ids("SELECT id FROM customer WHERE LOWER(email) LIKE '%x' AND LOWER(companyname) LIKE 'g%'")).toEqual([3]);
    expect(() => run("SELECT id FROM customer WHERE LOWER('x') = 'x'")).toThrow(/LOWER takes one column/);
    expect(() => run("SELECT id FROM customer WHERE LOWER(nope) = 'x'")).toThrow(/Field 'nope'/);
  });

  it('rejects what it cannot parse or bind with a message naming the problem', () => {
    expect(() => run('SELECT id FROM customer WHERE')).toThrow(
      new SuiteQlError('Expected an operand but found the end of the statement at position 29'),
    );
    expect(() => run('SELECT nope FROM customer')).toThrow(/Field 'nope' for record 'customer' was not found/);
    expect(() => run("SELECT id FROM customer WHERE companyname = 'open")).toThrow(/Unterminated string/);
    expect(() => run('SELECT id FROM customer c JOIN job j ON j.parent = c.id')).toThrow(/JOIN is not supported/);
    expect(() => run('SELECT COUNT(*) FROM customer')).toThrow(/Functions in the select list/);
    expect(() => run("SELECT id FROM customer WHERE lastmodifieddate > TO_DATE('2025-13-01')")).toThrow(
      /not a valid date/,
    );
    expect(() => run('SELECT id FROM customer WHERE id = 1 id')).toThrow(/end of the statement/);
  });
});
