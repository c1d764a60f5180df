import { makeSalesforceId } from '../common/salesforce-id';
import { sobjectRegistry } from '../schema/sobject-registry';
import { resolveDateLiteral } from './date-literals';
import { compileSoql, evaluateQuery, likeToRegExp, ParentLookup, projectRecord, SRecord } from './soql-engine';
import { SoqlError } from './soql-error';

const NOW = new Date('2025-03-12T15:30:00.000Z'); // a Wednesday

const acc1 = makeSalesforceId('001', 1);
const acc2 = makeSalesforceId('001', 2);
const accounts: SRecord[] = [
  { Id: acc1, Name: 'Acme Corp', External_Id__c: 'ACC-1', Legal_Entity__c: 'US-01', CurrencyIsoCode: 'USD' },
  { Id: acc2, Name: 'Beta GmbH', External_Id__c: 'ACC-2', Legal_Entity__c: 'DE-01', CurrencyIsoCode: 'EUR' },
];

function opp(n: number, fields: SRecord): SRecord {
  return {
    Id: makeSalesforceId('006', n),
    CreatedDate: '2025-01-01T00:00:00.000Z',
    LastModifiedDate: '2025-03-01T00:00:00.000Z',
    IsWon: fields.StageName === 'Closed Won',
    IsClosed: fields.StageName === 'Closed Won' || fields.StageName === 'Closed Lost',
    ...fields,
  };
}

const opps: SRecord[] = [
  opp(1, {
    Name: 'Acme rollout',
    AccountId: acc1,
    StageName: 'Closed Won',
    Amount: 120000.5,
    CloseDate: '2025-03-12',
    LastModifiedDate: '2025-03-12T09:00:00.000Z',
    External_Id__c: 'OPP-1',
  }),
  opp(2, {
    Name: 'acme support',
    AccountId: acc1,
    StageName: 'Prospecting',
    Amount: 5000,
    CloseDate: '2025-04-01',
    LastModifiedDate: '2025-03-11T23:59:59.000Z',
    External_Id__c: 'OPP-2',
  }),
  opp(3, {
    Name: 'Beta audit',
    AccountId: acc2,
    StageName: 'Closed Lost',
    Amount: null,
    CloseDate: '2025-02-15',
    External_Id__c: 'OPP-3',
  }),
  opp(4, {
    Name: 'Beta 100%_done',
    AccountId: acc2,
    StageName: 'Closed Won',
    Amount: 75000,
    CloseDate: '2024-12-31',
    LastModifiedDate: '2025-03-12T09:00:00.000Z',
    External_Id__c: null,
  }),
  opp(5, {
    Name: 'Orphan',
    AccountId: null,
    StageName: 'Negotiation/Review',
    Amount: 1000,
    CloseDate: '2025-03-13',
    External_Id__c: 'OPP-5',
  }),
];

const parents: ParentLookup = (object, id) => (object === 'Account' ? accounts.find((a) => a.Id === id) : undefined);

function run(query: string): SRecord[] {
  return evaluateQuery(compileSoql(query, sobjectRegistry, NOW), opps, parents);
}

function names(query: string): string[] {
  return run(query).map((r) => String(r.Name));
}

function error(query: string): SoqlError {
  try {
    compileSoql(query, sobjectRegistry, NOW);
  } catch (e) {
    if (e instanceof SoqlError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('SOQL binding', () => {
  it('resolves object and field names case-insensitively to their API names', () => {
    const q = compileSoql('select id, stagename, external_id__c, account.name from opportunity', sobjectRegistry, NOW);
    expect(q.object.name).toBe('Opportunity');
    expect(q.select.map((f) => f.field.name)).toEqual(['Id', 'StageName', 'External_Id__c', 'Name']);
    expect(q.references.map((r) => r.name)).toEqual(['AccountId']);
  });

  it.each([
    ['SELECT Id FROM Foo__c', 'INVALID_TYPE', "sObject type 'Foo__c' is not supported"],
    ['SELECT Id, Foo FROM Account', 'INVALID_FIELD', "No such column 'Foo' on entity 'Account'"],
    ["SELECT Id FROM Account WHERE Bar = 'x'", 'INVALID_FIELD', "No such column 'Bar'"],
    ['SELECT Id FROM Opportunity ORDER BY Nope', 'INVALID_FIELD', "No such column 'Nope'"],
    ['SELECT Owner.Name FROM Opportunity', 'INVALID_FIELD', "Didn't understand relationship 'Owner'"],
    ['SELECT Account.Nope FROM Opportunity', 'INVALID_FIELD', "No such column 'Nope' on entity 'Account'"],
    ['SELECT Id, id FROM Account', 'MALFORMED_QUERY', 'duplicate field selected: id'],
    ['SELECT COUNT(), Id FROM Account', 'MALFORMED_QUERY', 'COUNT() cannot be combined'],
    [
      "SELECT Id FROM Opportunity WHERE Amount = '5'",
      'INVALID_QUERY_FILTER_OPERATOR',
      "field 'Amount' must be of type double and should not be enclosed in quotes",
    ],
    [
      'SELECT Id FROM Opportunity WHERE Name = 5',
      'INVALID_QUERY_FILTER_OPERATOR',
      'must be of type string and should be enclosed in quotes',
    ],
    [
      "SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'",
      'INVALID_QUERY_FILTER_OPERATOR',
      "field 'CloseDate' must be of type date",
    ],
    [
      'SELECT Id FROM Opportunity WHERE CloseDate = 2024-01-01T00:00:00Z',
      'INVALID_QUERY_FILTER_OPERATOR',
      'must be of type date',
    ],
    [
      'SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-01',
      'INVALID_QUERY_FILTER_OPERATOR',
      'must be of type dateTime',
    ],
    ['SELECT Id FROM Opportunity WHERE IsWon = 1', 'INVALID_QUERY_FILTER_OPERATOR', 'must be of type boolean'],
    [
      'SELECT Id FROM Opportunity WHERE IsWon > true',
      'INVALID_QUERY_FILTER_OPERATOR',
      'invalid operator on boolean field',
    ],
    [
      "SELECT Id FROM Opportunity WHERE AccountId = 'not-an-id'",
      'INVALID_QUERY_FILTER_OPERATOR',
      'invalid ID field: not-an-id',
    ],
    [
      "SELECT Id FROM Opportunity WHERE Amount LIKE '5%'",
      'INVALID_QUERY_FILTER_OPERATOR',
      'invalid operator on currency field: LIKE',
    ],
    ['SELECT Id FROM Opportunity WHERE Amount > null', 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator for null'],
    ['SELECT Id FROM Opportunity WHERE CloseDate IN (TODAY)', 'INVALID_QUERY_FILTER_OPERATOR', 'IN list'],
    ['SELECT Id FROM Opportunity ORDER BY Description', 'INVALID_FIELD', 'can not be sorted'],
    ['SELECT Id FROM Opportunity OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'],
  ])('rejects %p with %s', (query, code, message) => {
    const err = error(query);
    expect(err.errorCode).toBe(code);
    expect(err.message).toContain(message);
  });

  it('points the error at the offending field', () => {
    const query = 'SELECT Id, Foo FROM Account';
    expect(error(query).formatFor(query)).toContain("ERROR at Row:1:Column:12\nNo such column 'Foo'");
  });
});

describe('SOQL evaluation', () => {
  it('filters on strings case-insensitively (=, !=, IN, NOT IN)', () => {
    expect(names("SELECT Name FROM Opportunity WHERE StageName = 'closed won'")).toEqual([
      'Acme rollout',
      'Beta 100%_done',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE StageName IN ('PROSPECTING', 'closed lost')")).toEqual([
      'acme support',
      'Beta audit',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE StageName NOT IN ('Closed Won', 'Closed Lost')")).toEqual([
      'acme support',
      'Orphan',
    ]);
    expect(names("SELECT Name FROM Opportunity WHERE External_Id__c != 'OPP-1'")).toEqual([
      'acme support',
      'Beta audit',
      'Beta 100%_done',
      'Orphan',
    ]);
  });

  it('treats null like Salesforce: = null, != null, and != also matching nulls', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount = null')).toEqual(['Beta audit']);
    expect(names('SELECT Name FROM Opportunity WHERE External_Id__c != null')).toEqual([
      'Acme rollout',
      'acme support',
      'Beta audit',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE Amount < 10000')).toEqual(['acme support', 'Orphan']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount != 5000')).toEqual([
      'Acme rollout',
      'Beta audit',
      'Beta 100%_done',
      'Orphan',
    ]);
  });

  it('compares numbers', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount >= 75000')).toEqual(['Acme rollout', 'Beta 100%_done']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount > 75000 OR Amount <= 1000')).toEqual([
      'Acme rollout',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE Amount = 120000.5')).toEqual(['Acme rollout']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount > -1 AND Amount < 1001')).toEqual(['Orphan']);
  });

  it('evaluates booleans, NOT and nested parentheses', () => {
    expect(names('SELECT Name FROM Opportunity WHERE IsWon = true')).toEqual(['Acme rollout', 'Beta 100%_done']);
    expect(names('SELECT Name FROM Opportunity WHERE NOT IsClosed = true')).toEqual(['acme support', 'Orphan']);
    expect(
      names(
        "SELECT Name FROM Opportunity WHERE IsWon = false AND (Amount > 2000 OR (Name LIKE 'Orph%' AND NOT Amount = null))",
      ),
    ).toEqual(['acme support', 'Orphan']);
    expect(
      names("SELECT Name FROM Opportunity WHERE NOT (StageName = 'Closed Won' OR StageName = 'Closed Lost')"),
    ).toEqual(['acme support', 'Orphan']);
  });

  it('matches LIKE with % and _ wildcards, escapes and no case', () => {
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE 'acme%'")).toEqual(['Acme rollout', 'acme support']);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE '%_udit'")).toEqual(['Beta audit']);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE '%100\\%\\_%'")).toEqual(['Beta 100%_done']);
    expect(names("SELECT Name FROM Opportunity WHERE Name LIKE 'Beta%' AND NOT Name LIKE '%audit'")).toEqual([
      'Beta 100%_done',
    ]);
    expect(likeToRegExp('a.b%').test('a.bcd')).toBe(true);
    expect(likeToRegExp('a.b%').test('axbcd')).toBe(false);
  });

  it('compares dates with date literals, date constants and ranges', () => {
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = TODAY')).toEqual(['Acme rollout']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = TOMORROW')).toEqual(['Orphan']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate > TODAY')).toEqual(['acme support', 'Orphan']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate <= TODAY')).toEqual([
      'Acme rollout',
      'Beta audit',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate < 2025-01-01')).toEqual(['Beta 100%_done']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate >= 2025-03-12 AND CloseDate <= 2025-03-13')).toEqual([
      'Acme rollout',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:30')).toEqual([
      'Acme rollout',
      'Beta audit',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_MONTH')).toEqual(['Acme rollout', 'Orphan']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_YEAR')).toEqual(['Beta 100%_done']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:20')).toEqual(['acme support', 'Orphan']);
  });

  it('compares datetimes with datetime literals (any offset) and date constants', () => {
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate > 2025-03-11T23:59:59Z')).toEqual([
      'Acme rollout',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate >= 2025-03-11T23:59:59Z')).toEqual([
      'Acme rollout',
      'acme support',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate = 2025-03-12T10:00:00.000+01:00')).toEqual([
      'Acme rollout',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate = 2025-03-12T04:00:00-0500')).toEqual([
      'Acme rollout',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate = TODAY')).toEqual([
      'Acme rollout',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE LastModifiedDate = YESTERDAY')).toEqual(['acme support']);
  });

  it('filters by id (15 or 18 characters) and through a parent relationship', () => {
    const id = String(opps[2].Id);
    expect(names(`SELECT Name FROM Opportunity WHERE Id = '${id}'`)).toEqual(['Beta audit']);
    expect(names(`SELECT Name FROM Opportunity WHERE Id = '${id.slice(0, 15)}'`)).toEqual(['Beta audit']);
    expect(names(`SELECT Name FROM Opportunity WHERE AccountId = '${acc1}'`)).toEqual(['Acme rollout', 'acme support']);
    expect(names("SELECT Name FROM Opportunity WHERE Account.Legal_Entity__c = 'DE-01'")).toEqual([
      'Beta audit',
      'Beta 100%_done',
    ]);
    expect(names('SELECT Name FROM Opportunity WHERE Account.Name = null')).toEqual(['Orphan']);
  });

  it('orders by one or more fields, ASC/DESC, NULLS FIRST/LAST, ties broken by Id', () => {
    expect(names('SELECT Name FROM Opportunity ORDER BY Name')).toEqual([
      'Acme rollout',
      'acme support',
      'Beta 100%_done',
      'Beta audit',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount DESC')).toEqual([
      'Acme rollout',
      'Beta 100%_done',
      'acme support',
      'Orphan',
      'Beta audit',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount ASC')).toEqual([
      'Beta audit',
      'Orphan',
      'acme support',
      'Beta 100%_done',
      'Acme rollout',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST')).toEqual([
      'Orphan',
      'acme support',
      'Beta 100%_done',
      'Acme rollout',
      'Beta audit',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY LastModifiedDate DESC, Name DESC')).toEqual([
      'Beta 100%_done',
      'Acme rollout',
      'acme support',
      'Orphan',
      'Beta audit',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY LastModifiedDate, Id').slice(0, 2)).toEqual([
      'Beta audit',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Account.Name DESC NULLS LAST, CloseDate')).toEqual([
      'Beta 100%_done',
      'Beta audit',
      'Acme rollout',
      'acme support',
      'Orphan',
    ]);
  });

  it('applies OFFSET and LIMIT after sorting', () => {
    expect(names('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2')).toEqual(['Acme rollout', 'acme support']);
    expect(names('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2 OFFSET 2')).toEqual([
      'Beta 100%_done',
      'Beta audit',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Name OFFSET 4')).toEqual(['Orphan']);
    expect(names('SELECT Name FROM Opportunity LIMIT 0')).toEqual([]);
  });

  it('projects attributes, selected fields in order, datetimes in Salesforce format and parent records', () => {
    const q = compileSoql(
      'SELECT Name, Account.External_Id__c, LastModifiedDate, Amount, Account.Name FROM Opportunity ORDER BY Name',
      sobjectRegistry,
      NOW,
    );
    const rows = evaluateQuery(q, opps, parents);
    const first = projectRecord(q, rows[0], parents, 'v60.0');
    expect(first).toEqual({
      attributes: { type: 'Opportunity', url: `/services/data/v60.0/sobjects/Opportunity/${opps[0].Id}` },
      Name: 'Acme rollout',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${acc1}` },
        External_Id__c: 'ACC-1',
        Name: 'Acme Corp',
      },
      LastModifiedDate: '2025-03-12T09:00:00.000+0000',
      Amount: 120000.5,
    });
    expect(Object.keys(first)).toEqual(['attributes', 'Name', 'Account', 'LastModifiedDate', 'Amount']);
    const orphan = projectRecord(q, rows[4], parents, 'v60.0');
    expect(orphan.Account).toBeNull();
  });
});

describe('date literals', () => {
  const range = (name: string, n?: number) => {
    const r = resolveDateLiteral(name, n, NOW);
    return [new Date(r.start).toISOString().slice(0, 10), new Date(r.end).toISOString().slice(0, 10)];
  };

  it('resolves to half-open UTC ranges', () => {
    expect(range('TODAY')).toEqual(['2025-03-12', '2025-03-13']);
    expect(range('YESTERDAY')).toEqual(['2025-03-11', '2025-03-12']);
    expect(range('THIS_WEEK')).toEqual(['2025-03-09', '2025-03-16']);
    expect(range('LAST_WEEK')).toEqual(['2025-03-02', '2025-03-09']);
    expect(range('NEXT_MONTH')).toEqual(['2025-04-01', '2025-05-01']);
    expect(range('LAST_MONTH')).toEqual(['2025-02-01', '2025-03-01']);
    expect(range('THIS_QUARTER')).toEqual(['2025-01-01', '2025-04-01']);
    expect(range('LAST_QUARTER')).toEqual(['2024-10-01', '2025-01-01']);
    expect(range('NEXT_YEAR')).toEqual(['2026-01-01', '2027-01-01']);
    expect(range('LAST_N_DAYS', 7)).toEqual(['2025-03-05', '2025-03-13']);
    expect(range('NEXT_N_DAYS', 2)).toEqual(['2025-03-13', '2025-03-15']);
    expect(range('N_DAYS_AGO', 3)).toEqual(['2025-03-09', '2025-03-10']);
    expect(range('LAST_N_MONTHS', 2)).toEqual(['2025-01-01', '2025-03-01']);
    expect(range('LAST_90_DAYS')).toEqual(['2024-12-12', '2025-03-13']);
    expect(range('N_YEARS_AGO', 1)).toEqual(['2024-01-01', '2025-01-01']);
  });
});
