import { contractChangelog } from './contract-changelog';

const money = {
  type: 'object',
  required: ['amountMinor', 'currency'],
  properties: { amountMinor: { type: 'integer' }, currency: { type: 'string' } },
};

const v1 = {
  openapi: '3.0.0',
  info: { title: 'Project setup', version: '1' },
  paths: {
    '/process/project-setup/v1/provisionings': {
      post: {
        operationId: 'startProvisioning',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['opportunityId'],
                properties: { opportunityId: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Provisioning' } } },
          },
        },
      },
      get: {
        operationId: 'listProvisionings',
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/process/project-setup/v1/legacy': { get: { operationId: 'legacy', responses: { '200': { description: 'ok' } } } },
  },
  components: {
    schemas: {
      Provisioning: {
        type: 'object',
        required: ['id', 'budget'],
        properties: { id: { type: 'string' }, budget: { type: 'number' }, opportunityId: { type: 'string' } },
      },
    },
  },
};

const v2 = {
  openapi: '3.0.0',
  info: { title: 'Project setup', version: '2' },
  paths: {
    '/process/project-setup/v2/provisionings': {
      post: {
        operationId: 'startProvisioning',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['opportunityId', 'requestedBy'],
                properties: { opportunityId: { type: 'string' }, requestedBy: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Provisioning' } } },
          },
        },
      },
      get: {
        operationId: 'listProvisionings',
        parameters: [{ name: 'status', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/process/project-setup/v2/provisionings/{id}': {
      get: { operationId: 'getProvisioning', responses: { '200': { description: 'ok' } } },
    },
  },
  components: {
    schemas: {
      Money: money,
      Provisioning: {
        type: 'object',
        required: ['id', 'budget'],
        properties: {
          id: { type: 'string' },
          budget: { $ref: '#/components/schemas/Money' },
          crmOpportunityId: { type: 'string' },
        },
      },
    },
  },
};

describe('contractChangelog', () => {
  const log = contractChangelog(
    { name: 'process.project-setup.v1', doc: v1 },
    { name: 'process.project-setup.v2', doc: v2 },
  );
  const op = (id: string) => log.operations.find((o) => o.operationId === id);

  it('lists added and removed operations, removed first', () => {
    expect(op('getProvisioning')).toMatchObject({
      kind: 'added',
      method: 'GET',
      path: '/process/project-setup/v2/provisionings/{id}',
    });
    expect(op('legacy')).toMatchObject({ kind: 'removed', path: '/process/project-setup/v1/legacy' });
    expect(log.operations[0].kind).toBe('removed');
  });

  it('names request fields that became required and response fields renamed or retyped, through $refs', () => {
    const start = op('startProvisioning');
    expect(start?.kind).toBe('changed');
    expect(start?.changes).toEqual(
      expect.arrayContaining([
        { kind: 'added', where: 'request body', name: 'requestedBy', detail: 'string, required' },
        { kind: 'changed', where: 'response 202', name: 'budget', detail: 'number -> object' },
        { kind: 'added', where: 'response 202', name: 'budget.amountMinor', detail: 'integer, required' },
        { kind: 'removed', where: 'response 202', name: 'opportunityId', detail: 'string removed' },
        { kind: 'added', where: 'response 202', name: 'crmOpportunityId', detail: 'string' },
      ]),
    );
  });

  it('reports a parameter made required', () => {
    expect(op('listProvisionings')?.changes).toEqual([
      { kind: 'changed', where: 'query parameter', name: 'status', detail: 'now required' },
    ]);
  });

  it('is empty between identical documents', () => {
    expect(contractChangelog({ name: 'a', doc: v1 }, { name: 'b', doc: v1 }).operations).toEqual([]);
  });
});
