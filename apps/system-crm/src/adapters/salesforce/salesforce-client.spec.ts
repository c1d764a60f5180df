import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpRequest,
  HttpResponse,
  HttpTarget,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { SalesforceClient } from './salesforce-client';
import { SalesforceConfig } from './salesforce.config';

type Handler = (req: HttpRequest) => Partial<HttpResponse> | Promise<Partial<HttpResponse>>;

/** A fake of the platform HTTP client: records requests, answers with `handler`. */
class FakeHttp {
  readonly requests: HttpRequest[] = [];
  tokens = 0;
  handler: Handler = () => ({ status: 200, body: {} });

  constructor(readonly baseUrl: string) {}

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    this.requests.push(req);
    if (req.path === '/services/oauth2/token') {
      this.tokens++;
      const res = await this.tokenHandler(req);
      return { status: 200, headers: {}, rawBody: '', ...res } as HttpResponse<T>;
    }
    const res = await this.handler(req);
    return { status: 200, headers: {}, rawBody: '', ...res } as HttpResponse<T>;
  }

  tokenHandler: Handler = () => ({
    status: 200,
    body: {
      access_token: `token-${this.tokens}`,
      instance_url: this.baseUrl,
      id: 'x',
      token_type: 'Bearer',
      issued_at: String(Date.now()),
    },
  });

  apiCalls(): HttpRequest[] {
    return this.requests.filter((r) => r.path !== '/services/oauth2/token');
  }
}

function setup(overrides: Partial<SalesforceConfig> = {}) {
  const fake = new FakeHttp('http://sf.test');
  const factory = {
    create: (target: HttpTarget) => (target.baseUrl === fake.baseUrl ? fake : new FakeHttp(target.baseUrl)),
  } as unknown as HttpClientFactory;
  const config = Object.assign(
    new SalesforceConfig(),
    { loginUrl: 'http://sf.test', sessionTtlSeconds: 7200 },
    overrides,
  );
  return { fake, client: new SalesforceClient(factory, config) };
}

const authOf = (req: HttpRequest) => req.headers?.authorization;

describe('SalesforceClient', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs in with client credentials once and reuses the session', async () => {
    const { fake, client } = setup();
    await client.request({ method: 'GET', path: '/sobjects' });
    await client.request({ method: 'GET', path: '/limits' });
    expect(fake.tokens).toBe(1);
    const login = fake.requests[0];
    expect(login).toMatchObject({
      method: 'POST',
      path: '/services/oauth2/token',
      form: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' },
      retryable: true,
    });
    expect(fake.apiCalls().map((r) => [r.path, authOf(r)])).toEqual([
      ['/services/data/v60.0/sobjects', 'Bearer token-1'],
      ['/services/data/v60.0/limits', 'Bearer token-1'],
    ]);
  });

  it('fetches one token for concurrent first calls', async () => {
    const { fake, client } = setup();
    await Promise.all([1, 2, 3].map(() => client.request({ method: 'GET', path: '/sobjects' })));
    expect(fake.tokens).toBe(1);
  });

  it('renews the session before its assumed expiry', async () => {
    const { fake, client } = setup({ sessionTtlSeconds: 600 });
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    await client.request({ method: 'GET', path: '/sobjects' });
    now.mockReturnValue(start + 538_000); // before ttl - 60 s
    await client.request({ method: 'GET', path: '/sobjects' });
    expect(fake.tokens).toBe(1);
    now.mockReturnValue(start + 541_000); // within the last minute
    await client.request({ method: 'GET', path: '/sobjects' });
    expect(fake.tokens).toBe(2);
    expect(authOf(fake.apiCalls()[2])).toBe('Bearer token-2');
  });

  it('renews the session once on 401 and repeats the call', async () => {
    const { fake, client } = setup();
    fake.handler = (req) =>
      authOf(req) === 'Bearer token-1'
        ? { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] }
        : { status: 200, body: { ok: true } };
    const res = await client.request<{ ok: boolean }>({ method: 'GET', path: '/sobjects' });
    expect(res.body).toEqual({ ok: true });
    expect(fake.tokens).toBe(2);
    expect(fake.apiCalls().map(authOf)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up with 502 when a fresh session is refused too', async () => {
    const { fake, client } = setup();
    fake.handler = () => ({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
    });
    await expect(client.request({ method: 'GET', path: '/sobjects' })).rejects.toMatchObject({
      status: 502,
      dependency: 'salesforce',
    });
    expect(fake.tokens).toBe(2);
  });

  it('turns a refused login into 502 naming salesforce', async () => {
    const { fake, client } = setup();
    fake.tokenHandler = () => ({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    const err = await client.request({ method: 'GET', path: '/sobjects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadGatewayProblem);
    expect((err as BadGatewayProblem).detail).toBe(
      'salesforce refused the login: invalid_client: invalid client credentials',
    );
  });

  it('maps vendor errors: 403 REQUEST_LIMIT_EXCEEDED -> 503, other 4xx -> 502, 404 returned', async () => {
    const { fake, client } = setup();
    fake.handler = (req) => {
      if (req.path.endsWith('/limited'))
        return {
          status: 403,
          headers: { 'sforce-limit-info': 'api-usage=15001/15000' },
          body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
        };
      if (req.path.endsWith('/missing'))
        return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
      return { status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected token' }] };
    };
    const limited = await client.request({ method: 'GET', path: '/limited' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(UpstreamUnavailableProblem);
    expect(limited).toMatchObject({
      status: 503,
      dependency: 'salesforce',
      extra: { limitInfo: 'api-usage=15001/15000' },
    });
    const bad = await client.request({ method: 'GET', path: '/query' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({
      status: 502,
      dependency: 'salesforce',
      extra: { upstreamStatus: 400, upstreamErrors: ['MALFORMED_QUERY'] },
    });
    expect((bad as BadGatewayProblem).detail).toBe(
      'salesforce answered 400 to GET /query: MALFORMED_QUERY: unexpected token',
    );
    expect((await client.request({ method: 'GET', path: '/missing' })).status).toBe(404);
  });

  it('pages a query through nextRecordsUrl with the batch size header', async () => {
    const { fake, client } = setup({ queryBatchSize: 200 });
    fake.handler = (req) => {
      if (req.path === '/services/data/v60.0/query')
        return {
          body: { totalSize: 5, done: false, nextRecordsUrl: '/services/data/v60.0/query/01gX-2', records: [1, 2] },
        };
      if (req.path === '/services/data/v60.0/query/01gX-2')
        return {
          body: { totalSize: 5, done: false, nextRecordsUrl: '/services/data/v60.0/query/01gX-4', records: [3, 4] },
        };
      return { body: { totalSize: 5, done: true, records: [5] } };
    };
    const pages: number[][] = [];
    for await (const page of client.queryPages<number>('SELECT Id FROM Opportunity')) pages.push(page);
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    const calls = fake.apiCalls();
    expect(calls[0]).toMatchObject({
      query: { q: 'SELECT Id FROM Opportunity' },
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(calls.map((c) => c.path)).toEqual([
      '/services/data/v60.0/query',
      '/services/data/v60.0/query/01gX-2',
      '/services/data/v60.0/query/01gX-4',
    ]);
    expect(await client.queryAll<number>('SELECT Id FROM Opportunity')).toEqual([1, 2, 3, 4, 5]);
  });

  it('calls the instance the token names when it differs from the login host', async () => {
    const { fake, client } = setup();
    fake.tokenHandler = () => ({
      status: 200,
      body: { access_token: 't', instance_url: 'http://other.test', id: 'x', token_type: 'Bearer', issued_at: '1' },
    });
    await client.request({ method: 'GET', path: '/sobjects' });
    expect(fake.apiCalls()).toHaveLength(0);
  });

  it('writes: retryable passes through; a refusal is 422 with the canonical field, 300 is 409, the daily limit stays 503', async () => {
    const { fake, client } = setup();
    const write = { what: 'account', fields: { Name: 'name' } };
    fake.handler = () => ({
      status: 400,
      body: [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }],
    });
    const refused = await client
      .request({ method: 'PATCH', path: '/sobjects/Account/External_Id__c/A1', body: {}, retryable: true, write })
      .catch((e: unknown) => e);
    expect(fake.apiCalls()[0]).toMatchObject({ method: 'PATCH', retryable: true });
    expect(refused).toMatchObject({
      status: 422,
      extra: { vendor: 'salesforce', vendorCode: 'REQUIRED_FIELD_MISSING', field: 'name' },
    });
    fake.handler = () => ({ status: 300, body: ['/services/data/v60.0/sobjects/Account/001A', '/001B'] });
    await expect(
      client.request({ method: 'PATCH', path: '/sobjects/Account/External_Id__c/A1', body: {}, write }),
    ).rejects.toMatchObject({ status: 409, extra: { vendorCode: 'MULTIPLE_CHOICES' } });
    fake.handler = () => ({
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    await expect(
      client.request({ method: 'PATCH', path: '/sobjects/Account/External_Id__c/A1', body: {}, write }),
    ).rejects.toBeInstanceOf(UpstreamUnavailableProblem);
    fake.handler = () => ({ status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: 'bad' }] });
    await expect(client.request({ method: 'GET', path: '/query' })).rejects.toBeInstanceOf(BadGatewayProblem);
  });
});
