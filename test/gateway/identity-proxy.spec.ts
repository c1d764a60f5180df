import { jsonRequest } from '@app/testing';
import { tokenRequest } from './identity-harness';
import { PolicyHarness } from './policy-harness';

/** Both credentials through the whole pipeline, in front of a real upstream (the policy harness's contracts). */
describe('gateway identity through the proxy pipeline (real upstream, PostgreSQL, HTTP)', () => {
  let h: PolicyHarness;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    h = await PolicyHarness.start();
    await h.admin('POST', '/consumers', {
      name: 'widget-partner',
      kind: 'partner',
      plan: 'partner',
      scopes: ['widgets:read', 'widgets:write'],
    });
    client = (await h.admin('POST', '/consumers/widget-partner/clients')).body;
  });
  afterAll(() => h?.stop());

  const token = async (scope?: string): Promise<string> =>
    (
      await tokenRequest(h.url, {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        ...(scope ? { scope } : {}),
      })
    ).body.access_token;

  const get = (headers: Record<string, string>) =>
    jsonRequest(`${h.url}/system/widgets/v2/widgets`, 'GET', undefined, headers);

  it('a Bearer access token is accepted and never travels upstream', async () => {
    const access = await token();
    const before = h.hits.length;
    const res = await get({ authorization: `Bearer ${access}` });
    expect(res.status).toBe(200);
    expect(h.hits.length).toBe(before + 1);
    const sent = h.hits[h.hits.length - 1].headers;
    expect(JSON.stringify(sent)).not.toContain(access);
  });

  it('a token narrowed to another scope is 403 at the gateway, nothing forwarded', async () => {
    const access = await token('widgets:write');
    const before = h.hits.length;
    const res = await get({ authorization: `Bearer ${access}` });
    expect(res.status).toBe(403);
    expect(h.hits.length).toBe(before);
  });

  it('forged and revoked credentials: 401 problem+json, nothing forwarded', async () => {
    const before = h.hits.length;
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${b64({ sub: 'x', scope: 'widgets:read', exp: 9999999999 })}.`;
    const forged = await get({ authorization: `Bearer ${none}` });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const { key } = await h.consumerWithKey('short-timer', { scopes: ['widgets:read'] });
    expect((await get({ 'x-api-key': key })).status).toBe(200);
    const keyId = (await h.admin('GET', '/consumers/short-timer/keys')).body[0].keyId;
    await h.admin('POST', `/consumers/short-timer/keys/${keyId}/revoke`);
    const revoked = await get({ 'x-api-key': key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/revoked/);
    expect(h.hits.length).toBe(before + 1);
  });
});
