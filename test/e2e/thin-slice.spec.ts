/**
 * The thin slice, end to end over real HTTP on a real PostgreSQL:
 *   client -> gateway -> system-crm -> Salesforce sandbox (OAuth token, SOQL, nextRecordsUrl paging)
 *   Salesforce sandbox -> system-crm poller -> outbox -> bus -> process-api and experience-api
 * and the correlation id of a gateway call on the log lines of every hop.
 */
import { startTestStack, TestStack } from '@app/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { salesforceSandboxApp } from '../../apps/sandbox/src/app.definition';

const DEMO_KEY = 'thin-slice-demo-key-0123456789';
const SANDBOX = salesforceSandboxApp.name;

interface LogLine {
  app?: string;
  correlationId?: string;
  msg?: string;
}

describe('thin slice: gateway -> system-crm -> Salesforce sandbox, and the closed-won event path', () => {
  let stack: TestStack;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            logs.push(JSON.parse(line) as LogLine);
          } catch {
            // not a JSON log line
          }
        }
        done();
      },
    });
    stack = await startTestStack({
      apps: [SANDBOX, 'system-crm', 'process-api', 'experience-api', 'gateway'],
      logger: true,
      logDestination: sink,
      env: {
        LOG_LEVEL: 'info',
        DEMO_API_KEY: DEMO_KEY,
        // As deployed: the apps behind the gateway accept only the internal token it signs for them.
        INTERNAL_AUTH: 'required',
        CRM_POLL_INTERVAL_MS: '200',
        MESSAGING_RETRY_BASE_MS: '50',
        // small SOQL batches so that listing pages through nextRecordsUrl
        SALESFORCE_QUERY_BATCH_SIZE: '200',
        GATEWAY_UPSTREAM_TIMEOUT_MS: '3000',
        SALESFORCE_TIMEOUT_MS: '1000',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const gw = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.urls.gateway}${path}`, {
      ...init,
      headers: { 'X-API-Key': DEMO_KEY, ...(init.headers as Record<string, string>) },
    });

  async function salesforce(): Promise<{ token: string; base: string }> {
    const res = await fetch(`${stack.urls[SANDBOX]}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; instance_url: string };
    return { token: body.access_token, base: `${body.instance_url}/services/data/v60.0` };
  }

  it('lists canonical closed-won opportunities read from the Salesforce sandbox through the gateway', async () => {
    const correlationId = `thin-slice-${Date.now()}`;
    const res = await gw('/system/crm/v1/opportunities?stage=closed-won', {
      headers: { 'X-Correlation-Id': correlationId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);
    const body = (await res.json()) as { items: Array<Record<string, any>> };

    // what the sandbox holds, asked in its own wire format
    const sf = await salesforce();
    const q = encodeURIComponent("SELECT Id, External_Id__c, Amount FROM Opportunity WHERE StageName = 'Closed Won'");
    const raw = (await (
      await fetch(`${sf.base}/query?q=${q}`, { headers: { Authorization: `Bearer ${sf.token}` } })
    ).json()) as {
      totalSize: number;
      records: Array<{ Id: string; External_Id__c: string; Amount: number | null }>;
    };
    expect(raw.totalSize).toBeGreaterThan(0);
    expect(body.items).toHaveLength(raw.totalSize);
    for (const item of body.items) {
      expect(item.stage).toBe('closed-won');
      expect(typeof item.name).toBe('string');
      if (item.amount) {
        expect(Number.isInteger(item.amount.amountMinor)).toBe(true);
        expect(item.amount.currency).toMatch(/^[A-Z]{3}$/);
      }
      expect(raw.records.map((r) => r.Id)).toContain(item.crossReferences.salesforce);
    }

    // the same correlation id on the log lines of every hop: gateway, system-crm and the vendor sandbox
    await waitFor(() => {
      const apps = new Set(logs.filter((l) => l.correlationId === correlationId).map((l) => l.app));
      return ['gateway', 'system-crm', SANDBOX].every((a) => apps.has(a));
    }, 3000);
  });

  it('answers 401 problem+json without a key or with a wrong one, and forwards nothing', async () => {
    for (const headers of [{}, { 'X-API-Key': 'not-a-valid-key-at-all' }] as Array<Record<string, string>>) {
      const res = await fetch(`${stack.urls.gateway}/system/crm/v1/opportunities`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 401, title: 'Unauthorized' });
      expect(typeof problem.detail).toBe('string');
      expect(typeof problem.correlationId).toBe('string');
    }
  });

  it('refuses every call that goes around the gateway with 401 problem+json (no internal token)', async () => {
    const direct: Array<[string, string]> = [
      ['system-crm', '/system/crm/v1/opportunities'],
      ['process-api', '/process/project-setup/v1/provisionings'],
      ['experience-api', '/experience/dashboard/v1/kpis'],
    ];
    for (const [app, path] of direct) {
      const res = await fetch(`${stack.urls[app]}${path}`, { headers: { 'X-API-Key': DEMO_KEY } });
      expect({ app, status: res.status }).toEqual({ app, status: 401 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      // The same call through the gateway carries the token and is served.
      const through = await gw(path);
      expect({ app, status: through.status }).toEqual({ app, status: 200 });
    }
    // Probes stay open.
    expect((await fetch(`${stack.urls['system-crm']}/health/ready`)).status).toBe(200);
  });

  it('serves project-setup v1 as deprecated (Deprecation, Sunset, Link to v2) beside v2', async () => {
    const v1 = await gw('/process/project-setup/v1/provisionings');
    expect(v1.status).toBe(200);
    expect(v1.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(v1.headers.get('sunset')).toBe(new Date('2027-06-30T00:00:00Z').toUTCString());
    const links = v1.headers.get('link') ?? '';
    expect(links).toMatch(/<[^>]*\/process\/project-setup\/v2[^>]*>; rel="successor-version"/);
    expect(links).toMatch(/rel="deprecation"/);
    const v2 = await gw('/process/project-setup/v2/provisionings');
    expect(v2.status).toBe(200);
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(((await v2.json()) as { items: unknown[] }).items).toEqual(expect.any(Array));
  });

  it('serves the published contracts without credentials, byte for byte as committed', async () => {
    const index = await fetch(`${stack.urls.gateway}/docs`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('system.crm.v1');
    const doc = await fetch(`${stack.urls.gateway}/openapi/system.crm.v1.json`);
    expect(doc.status).toBe(200);
    expect(await doc.text()).toBe(readFileSync(join(__dirname, '../../openapi/system.crm.v1.json'), 'utf8'));
    // an encoded traversal is refused before any route runs (path-traversal, 400)
    const missing = await fetch(`${stack.urls.gateway}/openapi/..%2Fpackage.json`);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 problem+json for an operation no contract declares, and 400 for a bad query', async () => {
    const unknown = await gw('/system/crm/v1/invoices');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const bad = await gw('/system/crm/v1/opportunities?stage=won-ish');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0].field).toBe('stage');
  });

  it('delivers opportunity.closed_won to the process and experience layers within 5 seconds, once', async () => {
    const sf = await salesforce();
    const q = encodeURIComponent(
      'SELECT Id, External_Id__c FROM Opportunity WHERE IsClosed = false ORDER BY External_Id__c LIMIT 1',
    );
    const open = (await (
      await fetch(`${sf.base}/query?q=${q}`, { headers: { Authorization: `Bearer ${sf.token}` } })
    ).json()) as {
      records: Array<{ Id: string; External_Id__c: string }>;
    };
    const target = open.records[0];
    expect(target).toBeDefined();
    const kpisBefore = await kpiCount();

    const started = Date.now();
    const patch = await fetch(`${sf.base}/sobjects/Opportunity/${target.Id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sf.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ StageName: 'Closed Won' }),
    });
    expect(patch.status).toBe(204);

    const provisioning = await waitFor(async () => {
      const res = await gw('/process/project-setup/v1/provisionings');
      const list = (await res.json()) as {
        items: Array<{ opportunity: { crossReferences?: Record<string, string> }; status: string }>;
      };
      return list.items.find((p) => p.opportunity.crossReferences?.salesforce === target.Id);
    }, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    // the provisioning workflow has started on it (no ERP/PSA/billing in this stack: it waits, retrying)
    expect(['received', 'in-progress']).toContain(provisioning.status);
    await waitFor(async () => (await kpiCount()) === kpisBefore + 1, 5000);

    // a later, unrelated change to the same deal produces no second event
    await fetch(`${sf.base}/sobjects/Opportunity/${target.Id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sf.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Description: 'kick-off booked' }),
    });
    await new Promise((r) => setTimeout(r, 1000));
    const after = (await (await gw('/process/project-setup/v1/provisionings')).json()) as {
      items: Array<{ opportunity: { crossReferences?: Record<string, string> } }>;
    };
    expect(after.items.filter((p) => p.opportunity.crossReferences?.salesforce === target.Id)).toHaveLength(1);
    expect(await kpiCount()).toBe(kpisBefore + 1);
  });

  it('answers a fast 503/504 problem+json naming the vendor when the Salesforce sandbox is down', async () => {
    await stack.kill(SANDBOX);
    const started = Date.now();
    const res = await gw('/system/crm/v1/opportunities?stage=closed-won');
    expect([502, 503, 504]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { dependency?: string; detail?: string };
    expect(problem.dependency ?? problem.detail).toMatch(/salesforce/i);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers a fast 503 problem+json naming the app when an app behind the gateway is down', async () => {
    await stack.kill('system-crm');
    const started = Date.now();
    const res = await gw('/system/crm/v1/opportunities');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { dependency?: string }).dependency).toBe('system-crm');
    expect(Date.now() - started).toBeLessThan(3000);
    // the other layers keep serving
    expect((await gw('/experience/dashboard/v1/kpis')).status).toBe(200);
  });

  async function kpiCount(): Promise<number> {
    const res = await gw('/experience/dashboard/v1/kpis');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { closedWon: Array<{ count: number }> };
    return body.closedWon.reduce((n, k) => n + k.count, 0);
  }
});

async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
}
