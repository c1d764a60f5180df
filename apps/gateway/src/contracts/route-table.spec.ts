import { RouteTable } from './route-table';

const doc = {
  info: { 'x-app': 'system-crm', 'x-lifecycle': 'draft' },
  security: [{ apiKey: [] }],
  paths: {
    '/system/crm/v1/opportunities': { get: { operationId: 'list' } },
    '/system/crm/v1/opportunities/{id}': {
      get: { operationId: 'get' },
      patch: { operationId: 'patch', security: [{ oauth2: ['crm:write'] }] },
    },
    '/system/crm/v1/opportunities/search': { get: { operationId: 'search' } },
    '/system/crm/v1/accounts/{id}': {
      // As the platform's @RequiresScopes publishes them: OpenAPI 3.0 lets only OAuth2 list scopes.
      put: {
        operationId: 'upsertAccount',
        security: [{ apiKey: [] }, { oauth2: ['crm:write'] }] as Array<Record<string, string[]>>,
        'x-required-scopes': ['crm:write'],
      },
    },
  },
};

describe('RouteTable', () => {
  const table = RouteTable.fromDocuments([{ file: 'system.crm.v1.json', doc }]);

  it('matches declared operations and extracts path parameters', () => {
    const m = table.match('GET', '/system/crm/v1/opportunities/006A');
    expect(m?.operation.operationId).toBe('get');
    expect(m?.params).toEqual({ id: '006A' });
    expect(m?.operation.app).toBe('system-crm');
    expect(m?.operation.contract).toBe('system.crm.v1');
  });

  it('prefers literal segments over parameters', () => {
    expect(table.match('GET', '/system/crm/v1/opportunities/search')?.operation.operationId).toBe('search');
  });

  it('returns nothing for an operation no contract declares', () => {
    expect(table.match('DELETE', '/system/crm/v1/opportunities/1')).toBeUndefined();
    expect(table.match('GET', '/system/crm/v1/accounts')).toBeUndefined();
    expect(table.match('GET', '/system/crm/v2/opportunities')).toBeUndefined();
    expect(table.match('GET', '/system/crm/v1/opportunities/a/b')).toBeUndefined();
    expect(table.hasPath('/system/crm/v1/opportunities/1')).toBe(true);
  });

  it('reads the scopes of the security requirement', () => {
    expect(table.match('PATCH', '/system/crm/v1/opportunities/1')?.operation.scopes).toEqual(['crm:write']);
    expect(table.match('GET', '/system/crm/v1/opportunities')?.operation.scopes).toEqual([]);
  });

  it('binds every credential to x-required-scopes, an API key included', () => {
    const op = table.match('PUT', '/system/crm/v1/accounts/1')?.operation;
    expect(op?.scopes).toEqual(['crm:write']);
    expect(op?.requirements).toEqual([['crm:write']]);
  });

  it('refuses a document that names no app', () => {
    expect(() => RouteTable.fromDocuments([{ file: 'x.json', doc: { info: {}, paths: {} } }])).toThrow(/x-app/);
  });
});
