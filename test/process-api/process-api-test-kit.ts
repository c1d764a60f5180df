import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventTypes, OPPORTUNITY_CLOSED_WON_VERSION, OpportunityClosedWonData, OpportunityDto } from '@app/contracts';
import { EventEnvelope, GraphileEventBus, newEvent } from '@app/messaging';
import { TestStack, startTestStack } from '@app/testing';
import { processApiApp } from '../../apps/process-api/src/app.definition';

/**
 * process-api alone on a fresh database, port 0, with fast retries (2 attempts, 50 ms base). No system
 * API runs here, so the provisioning workflow is off (PROVISIONING_WORKFLOW=off): provisionings stay
 * `received` (test/e2e/provisioning.spec.ts runs the workflow against the whole stack).
 */
export async function startProcessApi(): Promise<TestStack> {
  return startTestStack({
    definitions: [processApiApp],
    env: {
      MESSAGING_MAX_ATTEMPTS: '2',
      MESSAGING_RETRY_BASE_MS: '50',
      MESSAGING_POLL_INTERVAL_MS: '200',
      PROVISIONING_WORKFLOW: 'off',
    },
  });
}

/** A publisher playing system-crm: its own bus on the same database (another "process"). */
export function crmPublisher(databaseUrl: string): GraphileEventBus {
  return new GraphileEventBus({
    connectionString: databaseUrl,
    appName: 'test-system-crm',
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
    concurrency: 1,
    pollIntervalMs: 1000,
    poolSize: 2,
    shutdownTimeoutMs: 2000,
  });
}

export function wonOpportunity(over: Partial<OpportunityDto> = {}): OpportunityDto {
  const id = over.id ?? randomUUID();
  return {
    id,
    crossReferences: { salesforce: `006${id.replace(/-/g, '').slice(0, 15)}` },
    name: 'Globex ERP rollout',
    accountId: 'acc-globex',
    stage: 'closed-won',
    amount: { amountMinor: 12_500_000, currency: 'USD' },
    closeDate: '2026-03-31',
    legalEntity: 'US-01',
    billingModel: 'time-and-materials',
    ...over,
  } as OpportunityDto;
}

export function closedWon(
  opportunity: OpportunityDto,
  correlationId?: string,
): EventEnvelope<OpportunityClosedWonData> {
  return newEvent(
    EventTypes.OpportunityClosedWon,
    `opportunity/${opportunity.id}`,
    { opportunity, previousStage: 'negotiation', changedAt: '2026-03-31T10:00:00Z' },
    { source: 'system-crm', version: OPPORTUNITY_CLOSED_WON_VERSION, correlationId },
  );
}

export interface HttpResult<T = any> {
  status: number;
  contentType: string;
  body: T;
}

/** One real HTTP call to the running app. */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
  };
}

export async function sql<T = any>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Makes every insert into process.provisionings fail (a downstream outage), until `heal`. */
export async function breakProvisioningStore(databaseUrl: string): Promise<{ heal(): Promise<void> }> {
  await sql(
    databaseUrl,
    `create or replace function process.test_fail_provisioning() returns trigger language plpgsql as $$
       begin raise exception 'provisioning store unavailable (test outage)'; end $$;
     drop trigger if exists test_fail_provisioning on process.provisionings;
     create trigger test_fail_provisioning before insert on process.provisionings
       for each row execute function process.test_fail_provisioning();`,
  );
  return {
    heal: async () =>
      void (await sql(databaseUrl, `drop trigger if exists test_fail_provisioning on process.provisionings`)),
  };
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function expectProblem(res: HttpResult, status: number): void {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}
