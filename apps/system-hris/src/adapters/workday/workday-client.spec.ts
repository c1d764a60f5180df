import { BadGatewayProblem, HttpClientFactory, HttpRequest, UpstreamUnavailableProblem } from '@app/platform';
import { WorkdayClient } from './workday-client';
import { WorkdayConfig } from './workday.config';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** A WorkdayClient on a fake HTTP client answering from `route`. */
function clientWith(route: (req: HttpRequest) => Reply, config: Partial<WorkdayConfig> = {}) {
  const calls: HttpRequest[] = [];
  const http = {
    baseUrl: 'http://workday.test',
    request: jest.fn(async (req: HttpRequest) => {
      calls.push(req);
      await Promise.resolve();
      const r = route(req);
      return { status: r.status, headers: r.headers ?? {}, body: r.body, rawBody: JSON.stringify(r.body) };
    }),
  };
  const factory = { create: () => http } as unknown as HttpClientFactory;
  const settings = Object.assign(new WorkdayConfig(), { maxRequestsPerSecond: 0 }, config);
  return { client: new WorkdayClient(factory, settings), calls };
}

const tokenCalls = (calls: HttpRequest[]) => calls.filter((c) => c.path.endsWith('/token'));

describe('WorkdayClient', () => {
  let issued = 0;
  const token = (): Reply => ({
    status: 200,
    body: { access_token: `t${++issued}`, token_type: 'Bearer', refresh_token: 'r' },
  });

  beforeEach(() => {
    issued = 0;
  });

  it('asks for one token with the refresh-token grant and Basic client credentials, then reuses it', async () => {
    const { client, calls } = clientWith((req) =>
      req.path.endsWith('/token') ? token() : { status: 200, body: { total: 0, data: [] } },
    );
    await Promise.all([client.listWorkerSummaries(), client.listWorkerSummaries(), client.listWorkerSummaries()]);
    await client.listWorkerSummaries();
    const tokens = tokenCalls(calls);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      method: 'POST',
      path: '/ccx/oauth2/demo_firm/token',
      form: { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
      headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    });
    for (const c of calls.filter((c) => !c.path.endsWith('/token'))) expect(c.headers?.authorization).toBe('Bearer t1');
  });

  it('renews once on 401 and retries; a fresh token refused again is a 502 naming workday', async () => {
    let rejectAll = false;
    const { client, calls } = clientWith((req) => {
      if (req.path.endsWith('/token')) return token();
      if (rejectAll || req.headers?.authorization === 'Bearer t1')
        return { status: 401, body: { error: 'invalid access token' } };
      return { status: 200, body: { total: 0, data: [] } };
    });
    await client.listWorkerSummaries();
    expect(tokenCalls(calls)).toHaveLength(2);
    rejectAll = true;
    const error = await client.listWorkerSummaries().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadGatewayProblem);
    expect((error as BadGatewayProblem).toProblem()).toMatchObject({
      dependency: 'workday',
      vendor: 'workday',
      vendorCode: 'invalid access token',
    });
    expect(tokenCalls(calls)).toHaveLength(3);
  });

  it('pages the REST collection by limit/offset up to total', async () => {
    const { client, calls } = clientWith(
      (req) => {
        if (req.path.endsWith('/token')) return token();
        const offset = Number(req.query?.offset);
        const data = Array.from({ length: Math.min(2, 5 - offset) }, (_, i) => ({
          id: `w${offset + i}`,
          descriptor: 'A B',
        }));
        return { status: 200, body: { total: 5, data } };
      },
      { pageSize: 2 },
    );
    const all = await client.listWorkerSummaries();
    expect(all.map((w) => w.id)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect(calls.filter((c) => c.path.endsWith('/workers')).map((c) => c.query)).toEqual([
      { limit: 2, offset: 0 },
      { limit: 2, offset: 2 },
      { limit: 2, offset: 4 },
    ]);
  });

  it('reads the report with the Updated_From prompt and drops personal columns', async () => {
    const { client, calls } = clientWith((req) =>
      req.path.endsWith('/token')
        ? token()
        : {
            status: 200,
            body: {
              Report_Entry: [
                { Employee_ID: 'W1', Personal_Email: 'p@home.example', Date_of_Birth: '1990-01-01', Home_Address: 'x' },
              ],
            },
          },
    );
    const rows = await client.report(new Date('2025-03-01T00:00:00Z'));
    expect(rows).toEqual([{ Employee_ID: 'W1' }]);
    expect(calls.at(-1)).toMatchObject({
      path: '/ccx/service/customreport2/demo_firm/ISU_Integrations/Worker_Sync',
      query: { format: 'json', Updated_From: '2025-03-01T00:00:00.000Z' },
    });
  });

  it('maps a 429 to 503 and other refusals to 502, keeping the vendor code and field', async () => {
    let reply: Reply = { status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '3' } };
    const { client } = clientWith((req) => (req.path.endsWith('/token') ? token() : reply));
    const limited = await client.report().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(UpstreamUnavailableProblem);
    expect((limited as UpstreamUnavailableProblem).toProblem()).toMatchObject({
      vendor: 'workday',
      retryAfter: '3',
      upstreamStatus: 429,
    });
    reply = {
      status: 400,
      body: { error: 'Validation error occurred.', errors: [{ error: 'bad', field: 'Updated_From' }] },
    };
    const refused = await client.report().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadGatewayProblem);
    expect((refused as BadGatewayProblem).toProblem()).toMatchObject({
      status: 502,
      vendor: 'workday',
      vendorCode: 'Validation error occurred.',
      vendorField: 'Updated_From',
    });
  });
});
