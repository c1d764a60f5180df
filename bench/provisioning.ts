/**
 * Provisioning latency and throughput (issue 5: from the process layer receiving
 * `opportunity.closed_won` to provisioned everywhere, p95 <= 250 ms and >= 20 provisionings/s
 * sustained; with the vendors' documented rate limits on, >= 90% of what the tightest budget allows
 * and no 429 storm).
 *
 * Set-up: each app in its own process (the launcher's processes mode, from dist/): the Salesforce,
 * Kantata, NetSuite and Stripe sandboxes, system-crm (its poller off: the bench plays its publisher),
 * system-psa, system-erp, system-billing, the gateway and process-api, on one PostgreSQL (DATABASE_URL,
 * or a throwaway embedded one). Sandboxes at zero injected latency. Each run creates COUNT new accounts
 * and Closed Won fixed-fee opportunities in the Salesforce sandbox (composite API), reads each canonical
 * opportunity from system-crm, then publishes their `opportunity.closed_won` events on the bus at a
 * steady RATE per second, as system-crm would. Per provisioning it takes provisioned_at - received_at
 * from the process tables (received_at: the process layer recorded the event); throughput is COUNT over
 * the time from the first received to the last provisioned. Median of RUNS runs.
 *
 *   npm run build && node dist/bench/provisioning.js [--runs 5] [--count 200] [--rate 25] [--rate-limits off|on]
 *
 * `--rate-limits off` (default): every vendor limit and client rate budget lifted. `--rate-limits on`:
 * the sandboxes' documented limits (Kantata 1,200 requests/min, Stripe 25/s, NetSuite 15 concurrent,
 * Salesforce 100,000/day) and the system APIs' default budgets; it prints the vendor calls per
 * provisioning, what the tightest budget allows, the throughput as a share of it and the 429s the
 * system APIs saw. Prints its figures; never fails on a machine's speed.
 */
import { Client } from 'pg';
import { EventTypes, OPPORTUNITY_CLOSED_WON_VERSION, type OpportunityDto } from '@app/contracts';
import { GraphileEventBus, newEvent } from '@app/messaging';
import { startThrowawayPostgres } from '@app/persistence';
import { startStack, type Stack } from '../tools/launcher/stack';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Number(flag('runs', '5'));
const COUNT = Number(flag('count', '200'));
const RATE = Number(flag('rate', '25'));
const LIMITS = flag('rate-limits', 'off') === 'on';
const DEMO_KEY = 'bench-provisioning-key-0123456789abcdef';
const SF = 'sandbox-salesforce';
const APPS = [
  SF,
  'sandbox-kantata',
  'sandbox-netsuite',
  'sandbox-stripe',
  'system-crm',
  'system-psa',
  'system-erp',
  'system-billing',
  'gateway',
  'process-api',
];
const SYSTEM_APIS = ['system-crm', 'system-psa', 'system-erp', 'system-billing'];

/** Vendor limits and client budgets lifted (`--rate-limits off`). */
const NO_LIMITS: Record<string, string> = {
  SANDBOX_KANTATA_RATE_LIMIT_REQUESTS: '100000000',
  SANDBOX_STRIPE_RATE_LIMIT: '100000',
  SANDBOX_NETSUITE_CONCURRENCY_LIMIT: '1000',
  SANDBOX_SALESFORCE_DAILY_LIMIT: '100000000',
  KANTATA_MAX_REQUESTS_PER_SECOND: '1000',
  STRIPE_REQUESTS_PER_SECOND: '100000',
  NETSUITE_CONCURRENCY: '100',
  SALESFORCE_MAX_REQUESTS_PER_SECOND: '1000',
  SALESFORCE_MAX_CONCURRENT_REQUESTS: '100',
};

/**
 * `--rate-limits on`: the budgets the system APIs keep by default (their config), per vendor target as
 * named in http_client metrics: calls per second, or calls in flight (NetSuite's concurrency governance).
 */
const BUDGETS: Record<string, { perSecond?: number; concurrent?: number; note: string }> = {
  kantata: { perSecond: 20, note: 'Kantata sandbox 1,200 requests/min per token; system-psa budget 20/s' },
  stripe: { perSecond: 20, note: 'Stripe test mode 25/s; system-billing budget 20/s' },
  salesforce: { perSecond: 25, note: 'system-crm budget 25/s, 10 in flight (daily limit 100,000)' },
  netsuite: { concurrent: 5, note: 'NetSuite 15 concurrent (standard account); system-erp keeps 5 in flight' },
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (xs: number[]) => pct(xs, 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  failed: number;
  calls: Record<string, number>;
  callSeconds: Record<string, number>;
  status429: number;
}

async function main(): Promise<void> {
  const pg = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres({ maxConnections: 300 });
  const databaseUrl = process.env.DATABASE_URL ?? pg!.url;
  const stack = await startStack({
    mode: 'processes',
    apps: APPS,
    databaseUrl,
    host: '127.0.0.1',
    output: 'pipe',
    ports: Object.fromEntries(APPS.map((n) => [n, 0])),
    env: {
      LOG_LEVEL: 'warn',
      DEMO_API_KEY: DEMO_KEY,
      CRM_POLL_ENABLED: 'false',
      PSA_POLL_ENABLED: 'false',
      ERP_POLL_ENABLED: 'false',
      HRIS_POLL_ENABLED: 'false',
      ...(LIMITS ? {} : NO_LIMITS),
    },
  });
  // Ctrl-C / kill: stop the apps and the throwaway database too
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void stack
        .stop()
        .then(() => pg?.stop())
        .finally(() => process.exit(130));
    });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const bus = new GraphileEventBus({
    connectionString: databaseUrl,
    appName: 'bench-system-crm',
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
    concurrency: 1,
    pollIntervalMs: 1000,
    poolSize: 4,
    shutdownTimeoutMs: 2000,
  });
  try {
    process.stdout.write(
      `provisioning bench: ${COUNT} won deals per run at ${RATE}/s, ${RUNS} runs, rate limits ${LIMITS ? 'ON' : 'off'}\n`,
    );
    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const opportunities = await createWonDeals(stack, run);
      const before = await vendorCalls(stack);
      const started = Date.now();
      // a steady rate: event i leaves at started + i / RATE seconds
      for (const [i, opportunity] of opportunities.entries()) {
        const due = started + (i * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        await bus.publish([
          newEvent(
            EventTypes.OpportunityClosedWon,
            `opportunity/${opportunity.id}`,
            { opportunity, previousStage: 'negotiation', changedAt: new Date().toISOString() },
            { source: 'system-crm', version: OPPORTUNITY_CLOSED_WON_VERSION },
          ),
        ]);
      }
      const ids = opportunities.map((o) => o.id);
      let rows: Array<{ status: string; received: Date; provisioned: Date | null }> = [];
      for (;;) {
        rows = (
          await db.query(
            `select status, received_at as received, provisioned_at as provisioned
               from process.provisionings where opportunity_id = any($1)`,
            [ids],
          )
        ).rows as typeof rows;
        const open = rows.filter((r) => !['provisioned', 'failed', 'exception'].includes(r.status)).length;
        if (rows.length === COUNT && open === 0) break;
        if (Date.now() - started > 600_000) throw new Error(`run ${run}: ${open} still open after 600 s`);
        await sleep(100);
      }
      const after = await vendorCalls(stack);
      const done = rows.filter((r) => r.status === 'provisioned' && r.provisioned);
      const latencies = done.map((r) => r.provisioned!.getTime() - r.received.getTime());
      const first = Math.min(...rows.map((r) => r.received.getTime()));
      const last = Math.max(...done.map((r) => r.provisioned!.getTime()));
      const result: RunResult = {
        p50: pct(latencies, 50),
        p95: pct(latencies, 95),
        p99: pct(latencies, 99),
        perSecond: (done.length * 1000) / Math.max(1, last - first),
        failed: rows.length - done.length,
        calls: diff(after.calls, before.calls),
        callSeconds: diff(after.seconds, before.seconds),
        status429: after.status429 - before.status429,
      };
      results.push(result);
      process.stdout.write(
        `run ${run}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms; ` +
          `${result.perSecond.toFixed(1)} provisionings/s sustained; not provisioned ${result.failed}; 429s ${result.status429}\n`,
      );
    }
    const p95 = median(results.map((r) => r.p95));
    const perSecond = median(results.map((r) => r.perSecond));
    process.stdout.write(
      `\nmedian of ${RUNS}: p50 ${median(results.map((r) => r.p50))} ms, p95 ${p95} ms, p99 ${median(results.map((r) => r.p99))} ms; ` +
        `${perSecond.toFixed(1)} provisionings/s (offered ${RATE}/s)\n`,
    );
    if (!LIMITS) {
      process.stdout.write(
        `bars: p95 <= 250 ms -> ${p95 <= 250 ? 'met' : 'NOT met'}; >= 20 provisionings/s -> ${perSecond >= 20 ? 'met' : 'NOT met'}\n`,
      );
    } else {
      // what each vendor budget allows, from the calls one provisioning makes there
      const perProvisioning: Record<string, number> = {};
      const allowed: Array<[string, number]> = [];
      for (const [target, budget] of Object.entries(BUDGETS)) {
        const calls = median(results.map((r) => r.calls[target] ?? 0)) / COUNT;
        if (!calls) continue;
        perProvisioning[target] = calls;
        const meanSeconds =
          median(results.map((r) => (r.callSeconds[target] ?? 0) / Math.max(1, r.calls[target] ?? 0))) || 0.001;
        const rate = budget.perSecond ?? (budget.concurrent ?? 1) / meanSeconds;
        allowed.push([target, rate / calls]);
        process.stdout.write(
          `  ${target}: ${calls.toFixed(2)} calls per provisioning; budget ${budget.perSecond ? `${budget.perSecond}/s` : `${budget.concurrent} in flight (mean call ${(meanSeconds * 1000).toFixed(0)} ms)`} ` +
            `-> ${(rate / calls).toFixed(1)} provisionings/s (${budget.note})\n`,
        );
      }
      allowed.sort((a, b) => a[1] - b[1]);
      const [tightest, max] = allowed[0] ?? ['none', Infinity];
      const total429 = results.reduce((n, r) => n + r.status429, 0);
      process.stdout.write(
        `tightest budget: ${tightest}, ${max.toFixed(1)} provisionings/s; sustained ${perSecond.toFixed(1)}/s = ` +
          `${((perSecond / max) * 100).toFixed(0)}% of it (bar >= 90%: ${perSecond / max >= 0.9 ? 'met' : 'NOT met'}); ` +
          `429s seen by the system APIs: ${total429} in ${RUNS * COUNT} provisionings\n`,
      );
    }
  } finally {
    await bus.stop().catch(() => undefined);
    await db.end().catch(() => undefined);
    await stack.stop();
    await pg?.stop();
  }
}

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - (b[k] ?? 0)]));
}

/** Outgoing vendor calls of the system APIs (their http_client metrics): count and seconds per target, 429s. */
async function vendorCalls(
  stack: Stack,
): Promise<{ calls: Record<string, number>; seconds: Record<string, number>; status429: number }> {
  const calls: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  let status429 = 0;
  for (const app of SYSTEM_APIS) {
    const text = await (await fetch(`${stack.urls[app]}/metrics`)).text();
    for (const line of text.split('\n')) {
      const m = /^http_client_request_duration_seconds_(count|sum)\{([^}]*)\} ([0-9.e+-]+)$/.exec(line);
      if (!m) continue;
      const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
      const value = Number(m[3]);
      const target = labels.target ?? '?';
      if (m[1] === 'count') {
        calls[target] = (calls[target] ?? 0) + value;
        if (labels.status === '429') status429 += value;
      } else seconds[target] = (seconds[target] ?? 0) + value;
    }
  }
  return { calls, seconds, status429 };
}

/** COUNT new accounts and Closed Won fixed-fee deals in the Salesforce sandbox; their canonical opportunities. */
async function createWonDeals(stack: Stack, run: number): Promise<OpportunityDto[]> {
  const tokenRes = await fetch(`${stack.urls[SF]}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  });
  const { access_token, instance_url } = (await tokenRes.json()) as { access_token: string; instance_url: string };
  const composite = async (records: Array<Record<string, unknown>>): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < records.length; i += 200) {
      const res = await fetch(`${instance_url}/services/data/v60.0/composite/sobjects`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ allOrNone: true, records: records.slice(i, i + 200) }),
      });
      const saved = (await res.json()) as Array<{ id?: string; success: boolean; errors?: unknown }>;
      if (res.status !== 200 || saved.some((s) => !s.success))
        throw new Error(`composite create: ${res.status} ${JSON.stringify(saved).slice(0, 500)}`);
      ids.push(...saved.map((s) => s.id!));
    }
    return ids;
  };
  const tag = (i: number) => `R${run}N${i + 1}`;
  const accounts = await composite(
    Array.from({ length: COUNT }, (_, i) => ({
      attributes: { type: 'Account' },
      Name: `Bench ${tag(i)} Industries`,
      External_Id__c: `ACC-BENCH-${tag(i)}`,
      Legal_Entity__c: 'US-01',
      Billing_Country__c: 'US',
      CurrencyIsoCode: 'USD',
    })),
  );
  await composite(
    accounts.map((accountId, i) => ({
      attributes: { type: 'Opportunity' },
      Name: `Bench ${tag(i)} rollout`,
      AccountId: accountId,
      External_Id__c: `OPP-BENCH-${tag(i)}`,
      StageName: 'Closed Won',
      CloseDate: '2026-03-31',
      Amount: 30000,
      CurrencyIsoCode: 'USD',
      Legal_Entity__c: 'US-01',
      Billing_Model__c: 'Fixed_Fee',
      Tax_Profile__c: 'US-SERVICES',
      Start_Date__c: '2026-05-15',
      End_Date__c: '2026-07-31',
    })),
  );
  // the canonical opportunities, as system-crm would publish them
  const out: OpportunityDto[] = [];
  for (let i = 0; i < COUNT; i++) {
    const res = await fetch(`${stack.urls.gateway}/system/crm/v1/opportunities/OPP-BENCH-${tag(i)}`, {
      headers: { 'X-API-Key': DEMO_KEY },
    });
    if (res.status !== 200) throw new Error(`CRM opportunity OPP-BENCH-${tag(i)}: ${res.status} ${await res.text()}`);
    out.push((await res.json()) as OpportunityDto);
  }
  return out;
}

main().catch((err: unknown) => {
  process.stderr.write(`provisioning bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
