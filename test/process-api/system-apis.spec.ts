/**
 * process-api calls the system APIs through the gateway as its internal consumer `process-api`: the
 * launcher gives it a fresh service key (GATEWAY_API_KEY) and the gateway registers it
 * (GATEWAY_SERVICE_KEYS); with the internal token required everywhere, a call reaches system-crm and the
 * Salesforce sandbox behind it. A 404 is a business answer (find -> undefined), a refused body a
 * SystemApiBusinessError naming the problem; an unreachable gateway a SystemApiTechnicalError.
 */
import { startTestStack, TestStack } from '@app/testing';
import { HttpClientFactory } from '@app/platform';
import { salesforceSandboxApp } from '../../apps/sandbox/src/app.definition';
import {
  SystemApiBusinessError,
  SystemApiClient,
  SystemApiTechnicalError,
  SystemCrmClient,
} from '../../apps/process-api/src/common/system-apis';

describe('process-api system API clients through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [salesforceSandboxApp.name, 'system-crm', 'process-api', 'gateway'],
      env: { INTERNAL_AUTH: 'required', CRM_POLL_INTERVAL_MS: '60000' },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const crm = (): SystemCrmClient => stack.get('process-api').app!.get(SystemCrmClient);

  it('reads the CRM with its own service key, with the internal token required', async () => {
    const page = await crm().client.call<{ items: Array<{ id: string }> }>('GET', '/opportunities');
    expect(page.items.length).toBeGreaterThan(0);
    const one = await crm().getOpportunity(page.items[0].id);
    expect(one?.id).toBe(page.items[0].id);
  });

  it('maps a 404 to undefined and a refused write to a business error naming the problem', async () => {
    await expect(crm().getOpportunity('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    const err = await crm()
      .writeBackOpportunity('00000000-0000-4000-8000-000000000000', { stage: 'not-a-stage' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemApiBusinessError);
    expect((err as SystemApiBusinessError).status).toBeGreaterThanOrEqual(400);
    expect((err as SystemApiBusinessError).status).toBeLessThan(500);
    expect((err as Error).message).toMatch(/PATCH \/system\/crm\/v1\/opportunities/);
  });

  it('refuses a caller without the key at the gateway (the key is what authorises process-api)', async () => {
    const res = await fetch(`${stack.urls.gateway}/system/crm/v1/opportunities?limit=1`);
    expect(res.status).toBe(401);
  });

  it('turns an unreachable gateway into a technical error', async () => {
    const factory = stack.get('process-api').app!.get(HttpClientFactory);
    const client = new SystemApiClient(
      'crm',
      factory,
      {
        gatewayUrl: 'http://127.0.0.1:1',
        apiKey: 'x'.repeat(20),
        timeoutMs: 500,
      },
      'unreachable-gateway',
    );
    await expect(client.call('GET', '/opportunities')).rejects.toBeInstanceOf(SystemApiTechnicalError);
  });
});
