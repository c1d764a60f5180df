import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpRequest,
  HttpResponse,
  UnprocessableProblem,
  UpstreamTimeoutProblem,
} from '@app/platform';
import { KantataClient } from './kantata-client';
import { KantataSettings } from './kantata.config';

type Handler = (req: HttpRequest) => Partial<HttpResponse> | Error;

const settings: KantataSettings = {
  apiUrl: 'http://kantata.test',
  clientId: 'id',
  clientSecret: 'secret',
  timeoutMs: 1000,
  pageSize: 2,
  maxRequestsPerSecond: 1000,
  createAttempts: 3,
  referenceServiceName: 'ps-gateway',
};

function envelope(key: string, ids: string[], page = 1, pageCount = 1) {
  return {
    count: ids.length,
    results: ids.map((id) => ({ key, id })),
    [key]: Object.fromEntries(ids.map((id) => [id, { id }])),
    meta: { count: ids.length, page_count: pageCount, page_number: page, page_size: 2 },
  };
}

/** A KantataClient on a scripted HTTP client (no network): every call goes through `handler`. */
function clientWith(handler: Handler) {
  const calls: HttpRequest[] = [];
  let tokens = 0;
  const http = {
    baseUrl: settings.apiUrl,
    request: jest.fn(async (req: HttpRequest) => {
      calls.push(req);
      if (req.path === '/oauth/token') {
        tokens++;
        return {
          status: 200,
          headers: {},
          rawBody: '',
          body: { access_token: `t${tokens}`, token_type: 'bearer', expires_in: 7200 },
        };
      }
      const out = handler(req);
      if (out instanceof Error) throw out;
      return { status: 200, headers: {}, rawBody: '', body: undefined, ...out };
    }),
  };
  const factory = { create: () => http } as unknown as HttpClientFactory;
  return { client: new KantataClient(factory, settings), calls, tokens: () => tokens };
}

describe('KantataClient', () => {
  it('caches the token and renews it once on 401', async () => {
    let rejected = false;
    const { client, calls, tokens } = clientWith((req) => {
      if (req.headers?.authorization === 'Bearer t1' && !rejected) {
        rejected = true;
        return { status: 401, body: { errors: [{ type: 'oauth', message: 'expired' }] } };
      }
      return { body: envelope('workspaces', ['1']) };
    });
    await client.request({ method: 'GET', path: '/workspaces' });
    await client.request({ method: 'GET', path: '/workspaces' });
    expect(tokens()).toBe(2);
    expect(calls.filter((c) => c.path === '/api/v1/workspaces').map((c) => c.headers?.authorization)).toEqual([
      'Bearer t1',
      'Bearer t2',
      'Bearer t2',
    ]);
  });

  it('pages through a list to meta.page_count', async () => {
    const { client, calls } = clientWith((req) => {
      const page = Number(req.query?.page);
      return { body: envelope('time_entries', page === 1 ? ['1', '2'] : page === 2 ? ['3', '4'] : ['5'], page, 3) };
    });
    const { records } = await client.listAll<{ id: string }>('time_entries', { approved: true });
    expect(records.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(calls.filter((c) => c.path === '/api/v1/time_entries').map((c) => c.query)).toEqual([
      { approved: true, page: 1, per_page: 2 },
      { approved: true, page: 2, per_page: 2 },
      { approved: true, page: 3, per_page: 2 },
    ]);
  });

  describe('createOnce', () => {
    const key = { model: 'project', ref: 'PRJ-1' };
    const refEnvelope = (found: boolean) =>
      found
        ? {
            count: 1,
            results: [{ key: 'external_references', id: '10' }],
            external_references: {
              '10': { id: '10', subject_type: 'workspace', subject_id: '1000', service_model_ref: 'PRJ-1' },
            },
            meta: { count: 1, page_count: 1, page_number: 1, page_size: 2 },
          }
        : envelope('external_references', []);

    it('returns the existing object when the reference is already there (no create)', async () => {
      const { client, calls } = clientWith(() => ({ body: refEnvelope(true) }));
      await expect(client.createOnce('workspaces', 'workspace', { title: 'x' }, key, {}, 'project')).resolves.toEqual({
        id: '1000',
        created: false,
      });
      expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/workspaces')).toBe(false);
    });

    it('sends the reference with the object and looks it up again after an ambiguous failure', async () => {
      let created = false;
      const { client, calls } = clientWith((req) => {
        if (req.path === '/api/v1/external_references') return { body: refEnvelope(created) };
        created = true; // the create happened, but the answer is lost
        return new UpstreamTimeoutProblem('kantata');
      });
      await expect(client.createOnce('workspaces', 'workspace', { title: 'x' }, key, {}, 'project')).resolves.toEqual({
        id: '1000',
        created: true,
      });
      const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/workspaces');
      expect(posts).toHaveLength(1);
      expect(posts[0].body).toEqual({
        workspaces: [
          {
            title: 'x',
            external_references: [{ service_name: 'ps-gateway', service_model: 'project', service_model_ref: 'PRJ-1' }],
          },
        ],
      });
      expect(posts[0].retryable).toBeUndefined();
    });

    it('retries the create when the failure left nothing behind, and gives up after the attempts', async () => {
      const { client, calls } = clientWith((req) =>
        req.path === '/api/v1/external_references'
          ? { body: refEnvelope(false) }
          : new BadGatewayProblem('kantata', 'HTTP 503'),
      );
      await expect(
        client.createOnce('workspaces', 'workspace', { title: 'x' }, key, {}, 'project'),
      ).rejects.toBeInstanceOf(BadGatewayProblem);
      expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/workspaces')).toHaveLength(3);
    });

    it('maps a validation error to 422 naming the canonical field, vendor and vendorCode', async () => {
      const { client } = clientWith((req) =>
        req.path === '/api/v1/external_references'
          ? { body: refEnvelope(false) }
          : { status: 422, body: { errors: [{ type: 'validation', message: 'title is too long', field: 'title' }] } },
      );
      const error = await client
        .createOnce('workspaces', 'workspace', { title: 'x' }, key, { title: 'name' }, 'project')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnprocessableProblem);
      expect((error as UnprocessableProblem).toProblem()).toMatchObject({
        status: 422,
        vendor: 'kantata',
        vendorCode: 'validation',
        errors: [{ field: 'name', message: 'title is too long', vendorField: 'title' }],
      });
    });

    it('waits out a 429 (nothing was created) and creates', async () => {
      let posts = 0;
      const { client } = clientWith((req) => {
        if (req.path === '/api/v1/external_references') return { body: refEnvelope(false) };
        posts++;
        return posts === 1
          ? {
              status: 429,
              headers: { 'retry-after': '0' },
              body: { errors: [{ type: 'system', message: 'slow down' }] },
            }
          : { body: envelope('workspaces', ['1001']) };
      });
      await expect(client.createOnce('workspaces', 'workspace', { title: 'x' }, key, {}, 'project')).resolves.toEqual({
        id: '1001',
        created: true,
      });
      expect(posts).toBe(2);
    });

    it('returns the winner when Kantata says the reference is already taken (a concurrent create)', async () => {
      let lookups = 0;
      const { client } = clientWith((req) => {
        if (req.path === '/api/v1/external_references') return { body: refEnvelope(lookups++ > 0) };
        return {
          status: 422,
          body: { errors: [{ type: 'validation', message: 'taken', field: 'external_references.service_model_ref' }] },
        };
      });
      await expect(client.createOnce('workspaces', 'workspace', { title: 'x' }, key, {}, 'project')).resolves.toEqual({
        id: '1000',
        created: false,
      });
    });
  });
});
