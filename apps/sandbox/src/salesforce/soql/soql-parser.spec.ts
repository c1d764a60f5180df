import { SoqlQuery } from './soql-ast';
import { SoqlError } from './soql-error';
import { tokenize } from './soql-lexer';
import { parseSoql } from './soql-parser';

function parseError(query: string): SoqlError {
  try {
    parseSoql(query);
  } catch (e) {
    if (e instanceof SoqlError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('SOQL lexer', () => {
  it('splits identifiers, operators, punctuation and literals with positions', () => {
    const tokens = tokenize("SELECT Id, Account.Name FROM Opportunity WHERE Amount >= -10.5 AND Name != 'O\\'Brien'");
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['identifier', 'SELECT'],
      ['identifier', 'Id'],
      ['comma', ','],
      ['identifier', 'Account'],
      ['dot', '.'],
      ['identifier', 'Name'],
      ['identifier', 'FROM'],
      ['identifier', 'Opportunity'],
      ['identifier', 'WHERE'],
      ['identifier', 'Amount'],
      ['operator', '>='],
      ['number', '-10.5'],
      ['identifier', 'AND'],
      ['identifier', 'Name'],
      ['operator', '!='],
      ['string', "O'Brien"],
      ['eof', ''],
    ]);
    expect(tokens[1].position).toBe(7);
  });

  it('recognises date and datetime literals', () => {
    const kinds = tokenize(
      '2024-02-29 2024-01-31T10:00:00Z 2024-01-31T10:00:00.000+01:00 2024-01-31T10:00:00-0500',
    ).map((t) => [t.kind, t.value]);
    expect(kinds).toEqual([
      ['date', '2024-02-29'],
      ['datetime', '2024-01-31T10:00:00Z'],
      ['datetime', '2024-01-31T10:00:00.000+01:00'],
      ['datetime', '2024-01-31T10:00:00-0500'],
      ['eof', ''],
    ]);
  });

  it('decodes string escapes and keeps the raw text', () => {
    const [tok] = tokenize("'a\\nb\\\\c\\%d\\u0041'");
    expect(tok.value).toBe('a\nb\\c%dA');
    expect(tok.raw).toBe('a\\nb\\\\c\\%d\\u0041');
  });

  it.each([
    ["SELECT Id FROM Account WHERE Name = 'open", 'unexpected token'],
    ['SELECT Id FROM Account WHERE CloseDate = 2023-02-29', 'invalid date'],
    ['SELECT Id FROM Account WHERE CreatedDate > 2023-02-01T25:00:00Z', 'invalid datetime'],
    ['SELECT Id FROM Account WHERE CreatedDate > 2023-02-01T10:00', 'invalid datetime'],
    ['SELECT Id FROM Account WHERE Name = "x"', "no viable alternative at character '\"'"],
    ["SELECT Id FROM Account WHERE Name = 'a\\qb'", 'Illegal character sequence'],
    ['SELECT Id FROM Account LIMIT 10abc', 'unexpected token'],
  ])('rejects %s', (query, message) => {
    const err = parseError(query);
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.message).toContain(message);
  });
});

describe('SOQL parser', () => {
  it('parses a full statement into an AST', () => {
    const ast = parseSoql(
      "select Id, Name, Account.External_Id__c from Opportunity where StageName = 'Closed Won' and Amount > 1000 order by CloseDate desc nulls last, Name limit 50 offset 10",
    );
    expect(ast).toEqual<SoqlQuery>({
      select: [
        { kind: 'field', path: ['Id'], position: 7 },
        { kind: 'field', path: ['Name'], position: 11 },
        { kind: 'field', path: ['Account', 'External_Id__c'], position: 17 },
      ],
      from: { name: 'Opportunity', position: 45 },
      where: {
        kind: 'and',
        operands: [
          {
            kind: 'comparison',
            field: { kind: 'field', path: ['StageName'], position: 63 },
            operator: '=',
            value: { kind: 'string', value: 'Closed Won', raw: 'Closed Won', position: 75 },
            position: 73,
          },
          {
            kind: 'comparison',
            field: { kind: 'field', path: ['Amount'], position: 92 },
            operator: '>',
            value: { kind: 'number', value: '1000', position: 101 },
            position: 99,
          },
        ],
      },
      orderBy: [
        { field: { kind: 'field', path: ['CloseDate'], position: 115 }, direction: 'DESC', nulls: 'LAST' },
        { field: { kind: 'field', path: ['Name'], position: 142 }, direction: 'ASC', nulls: undefined },
      ],
      limit: 50,
      offset: 10,
      offsetPosition: 163,
    });
  });

  it('parses nested parentheses, NOT, IN and NOT IN, LIKE and every literal kind', () => {
    const ast = parseSoql(
      "SELECT Id FROM Opportunity WHERE (NOT IsWon = true OR Amount = null) AND (StageName IN ('A', 'B') OR Name NOT IN ('x') OR Name LIKE 'Acme%') AND CloseDate >= LAST_N_DAYS:30 AND CreatedDate < 2024-01-01T00:00:00Z AND CloseDate <> 2024-01-01",
    );
    const where = ast.where!;
    expect(where.kind).toBe('and');
    if (where.kind !== 'and') throw new Error();
    expect(where.operands).toHaveLength(5);
    const [first, second, third, fourth] = where.operands;
    expect(first).toMatchObject({
      kind: 'or',
      operands: [
        { kind: 'not', operand: { kind: 'comparison', operator: '=', value: { kind: 'boolean', value: true } } },
        { value: { kind: 'null' } },
      ],
    });
    expect(second).toMatchObject({
      kind: 'or',
      operands: [
        { kind: 'in', negated: false, values: [{ value: 'A' }, { value: 'B' }] },
        { kind: 'in', negated: true, values: [{ value: 'x' }] },
        { kind: 'like', pattern: { kind: 'string', value: 'Acme%' } },
      ],
    });
    expect(third).toMatchObject({
      kind: 'comparison',
      operator: '>=',
      value: { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 },
    });
    expect(fourth).toMatchObject({
      kind: 'comparison',
      operator: '<',
      value: { kind: 'datetime', value: '2024-01-01T00:00:00Z' },
    });
    const last = parseSoql('SELECT Id FROM Opportunity WHERE CloseDate <> 2024-01-01').where;
    expect(last).toMatchObject({ operator: '!=', value: { kind: 'date', value: '2024-01-01' } });
  });

  it('treats keywords case-insensitively and accepts fixed date literals', () => {
    const ast = parseSoql('SeLeCt id FrOm account WhErE createddate = today OrDeR By name AsC');
    expect(ast.from.name).toBe('account');
    expect(ast.where).toMatchObject({ value: { kind: 'dateLiteral', name: 'TODAY' } });
    expect(ast.orderBy[0]).toMatchObject({ direction: 'ASC' });
  });

  it('parses SELECT COUNT()', () => {
    expect(parseSoql('SELECT COUNT() FROM Account').select).toEqual([{ kind: 'count', position: 7 }]);
  });

  it('keeps a single condition unwrapped and nests parenthesised groups', () => {
    expect(parseSoql("SELECT Id FROM Account WHERE ((Name = 'a'))").where).toMatchObject({ kind: 'comparison' });
    expect(parseSoql("SELECT Id FROM Account WHERE Name = 'a' OR (Name = 'b' AND Type = 'c')").where).toMatchObject({
      kind: 'or',
      operands: [{ kind: 'comparison' }, { kind: 'and' }],
    });
  });

  it.each([
    ['', 'unexpected token: <EOF>'],
    ['SELECT FROM Account', "unexpected token: 'FROM'"],
    ['SELECT Id Account', "unexpected token: 'Account'"],
    ['SELECT Id, FROM Account', "unexpected token: 'FROM'"],
    ['SELECT Id FROM', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account WHERE', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account WHERE Name', 'unexpected token: <EOF>'],
    ["SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Type = 'c'", "unexpected token: 'OR'"],
    ["SELECT Id FROM Account WHERE Name = 'a' OR Type = 'b' AND Type = 'c'", "unexpected token: 'AND'"],
    ["SELECT Id FROM Account WHERE (Name = 'a'", 'unexpected token: <EOF>'],
    ["SELECT Id FROM Account WHERE Name = 'a')", "unexpected token: ')'"],
    ['SELECT Id FROM Account WHERE Name IN ()', "unexpected token: ')'"],
    ['SELECT Id FROM Account WHERE Name = FOO', "unexpected token: 'FOO'"],
    ['SELECT Id FROM Account WHERE CloseDate = LAST_N_DAYS', "needs ':n'"],
    ['SELECT Id FROM Account WHERE Name = :name', 'Bind variables only allowed in Apex code'],
    ['SELECT Id FROM Account LIMIT -1', "unexpected token: '-1'"],
    ['SELECT Id FROM Account LIMIT 1.5', "unexpected token: '1.5'"],
    ['SELECT Id FROM Account OFFSET 5 LIMIT 1', "unexpected token: 'LIMIT'"],
    ['SELECT Id FROM Account a', "unexpected token: 'a'"],
    ['SELECT Id FROM Account GROUP BY Name', "unexpected token: 'GROUP'"],
    ['SELECT Id FROM Account ORDER Name', "unexpected token: 'Name'"],
    ['SELECT Id FROM Account ORDER BY Name NULLS', 'unexpected token: <EOF>'],
    ['SELECT COUNT(Id) FROM Account', 'Only COUNT()'],
    ["SELECT Id FROM Account WHERE Name NOT LIKE 'a'", "unexpected token: 'NOT'"],
  ])('rejects %p as MALFORMED_QUERY', (query, message) => {
    const err = parseError(query);
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.message).toContain(message);
  });

  it('formats errors the way Salesforce does, with a caret, row and column', () => {
    const query = 'SELECT Id FROM Account WHERE Name == 1';
    const err = parseError(query);
    expect(err.formatFor(query)).toBe(
      "\nSELECT Id FROM Account WHERE Name == 1\n                                   ^\nERROR at Row:1:Column:36\nunexpected token: '='",
    );
    const multi = 'SELECT Id\nFROM Account\nWHERE Name = ';
    expect(parseError(multi).formatFor(multi)).toContain('ERROR at Row:3:Column:14');
  });
});
