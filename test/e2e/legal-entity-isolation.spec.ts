/**
 * Legal-entity isolation, walked from the contracts: every GET operation of every process and
 * experience contract in openapi/ is called through the gateway by a consumer bound to US-01 and by
 * an unbound one. Lists (no path parameter) must show the bound consumer only US-01 data while the
 * unbound one sees other entities too; a resource of another entity (`{id}` operations) is 403 for
 * the bound consumer. A new GET operation is covered without anyone remembering to: if the seed
 * below gives it nothing of another entity to hide, this spec fails and says so.
 */
import { EventTypes, OPPORTUNITY_CLOSED_WON_VERSION } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { startTestStack, TestStack } from '@app/testing';
import { ExceptionsService } from '../../apps/process-api/src/exceptions/exceptions.service';
import { ReconciliationReportEntity } from '../../apps/process-api/src/resource-sync/entities';
import { ContractAmendmentEntity } from '../../apps/process-api/src/project-setup/amendments';
import { BillingInvoiceEntity, BillingRunEntity } from '../../apps/process-api/src/billing/entities';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { closedWon, crmPublisher, wonOpportunity } from '../process-api/process-api-test-kit';

const DEMO_KEY = 'isolation-demo-key-0123456789abcdef';
const OPENAPI = path.resolve(__dirname, '../../openapi');
const BOUND = ['US-01'];

interface Operation {
  contract: string;
  path: string;
  security: Array<Record<string, string[]>>;
  pathParams: string[];
}

function getOperations(): Operation[] {
  const ops: Operation[] = [];
  for (const file of readdirSync(OPENAPI).filter((f) => /^(process|experience)\..+\.v\d+\.json$/.test(f))) {
    const doc = JSON.parse(readFileSync(path.join(OPENAPI, file), 'utf8')) as {
      paths: Record<
        string,
        Record<string, { security?: Array<Record<string, string[]>>; parameters?: Array<{ in: string; name: string }> }>
      >;
    };
    for (const [p, item] of Object.entries(doc.paths)) {
      const get = item.get;
      if (!get) continue;
      ops.push({
        contract: file,
        path: p,
        security: get.security ?? [],
        pathParams: (get.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
      });
    }
  }
  return ops;
}

/** Every `legalEntity` string in a JSON answer, at any depth. */
function entitiesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) entitiesIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'legalEntity' && typeof v === 'string') out.add(v);
      else entitiesIn(v, out);
    }
  }
  return out;
}

/** The items of a list answer: the first array property holding objects with an id. */
function itemsOf(body: unknown): Array<{ id: string; legalEntity?: string | null }> {
  if (!body || typeof body !== 'object') return [];
  for (const v of Object.values(body)) {
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && 'id' in x)) return v as Array<{ id: string }>;
  }
  return [];
}

describe('legal-entity isolation on every GET of the process and experience contracts', () => {
  const operations = getOperations();
  let stack: TestStack;
  let boundKey: string;
  /** The seeded amendment of each entity (project code `ISO-<entity>`). */
  const amendmentIds = new Map<string, string>();
  let unboundKey: string;

  const call = async (key: string, p: string) => {
    const res = await fetch(`${stack.urls.gateway}${p}`, { headers: { 'X-API-Key': key } });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      // JSON answers parsed; a text/event-stream (billing run events) kept as text.
      body:
        text && !(res.headers.get('content-type') ?? '').includes('text/event-stream')
          ? (JSON.parse(text) as unknown)
          : text || undefined,
    };
  };

  async function admin(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${stack.urls.gateway}/gateway/admin/v1${p}`, {
      method,
      headers: { 'X-API-Key': DEMO_KEY, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['process-api', 'experience-api', 'gateway'],
      env: {
        DEMO_API_KEY: DEMO_KEY,
        INTERNAL_AUTH: 'required',
        MESSAGING_MAX_ATTEMPTS: '1',
        MESSAGING_RETRY_BASE_MS: '50',
      },
    });
    // Two consumers with every scope the walked operations require: one bound to US-01, one not.
    const scopes = [...new Set(operations.flatMap((o) => o.security.flatMap((s) => Object.values(s).flat())))];
    for (const [name, legalEntities] of [
      ['isolation-bound', BOUND],
      ['isolation-unbound', null],
    ] as const) {
      await admin('POST', '/consumers', { name, kind: 'partner', plan: 'internal', scopes, legalEntities });
      const issued = await admin('POST', `/consumers/${name}/keys`, {});
      if (name === 'isolation-bound') boundKey = issued.key as string;
      else unboundKey = issued.key as string;
    }

    // Data of three entities: won deals (provisionings, KPIs) and a dead letter per entity.
    const bus = crmPublisher(stack.databaseUrl);
    try {
      for (const legalEntity of ['US-01', 'DE-01', 'UK-01']) {
        await bus.publish([closedWon(wonOpportunity({ legalEntity, name: `Deal ${legalEntity}` }))]);
        // A won deal the process layer refuses (no name): a dead letter that names its entity.
        const broken = { ...wonOpportunity({ legalEntity }), name: undefined };
        await bus.publish([
          newEvent(
            EventTypes.OpportunityClosedWon,
            `opportunity/${randomUUID()}`,
            { opportunity: broken, previousStage: 'negotiation', changedAt: '2026-03-31T10:00:00Z' },
            { source: 'system-crm', version: OPPORTUNITY_CLOSED_WON_VERSION },
          ),
        ]);
      }
    } finally {
      await bus.stop();
    }
    // A business exception per entity (the operations exceptions API).
    const exceptions = stack.get('process-api').app!.get(ExceptionsService);
    for (const legalEntity of ['US-01', 'DE-01', 'UK-01']) {
      await exceptions.raise({
        kind: 'provisioning-invalid-opportunity',
        owningTeam: 'finance-operations',
        businessKey: `opportunity/isolation-${legalEntity}`,
        legalEntity,
        reasons: ['tax profile missing'],
        source: 'project-setup',
      });
    }
    // A resource reconciliation report per entity (resource-sync; a real run needs the HRIS, PSA and ERP).
    const runId = randomUUID();
    await stack
      .get('process-api')
      .app!.get(DataSource)
      .getRepository(ReconciliationReportEntity)
      .save(
        ['US-01', 'DE-01', 'UK-01'].map((legalEntity) => ({
          id: randomUUID(),
          runId,
          trigger: 'api',
          legalEntity,
          workersCompared: 1,
          mismatches: [],
          startedAt: new Date(),
          finishedAt: new Date(),
        })),
      );
    // A contract amendment per entity (project-scoped history: /projects/{code}/amendments[/{id}]).
    const now = new Date();
    for (const legalEntity of ['US-01', 'DE-01', 'UK-01']) {
      const amendment = {
        id: randomUUID(),
        projectId: randomUUID(),
        projectCode: `ISO-${legalEntity}`,
        legalEntity,
        provisioningId: randomUUID(),
        sequence: 1,
        effectiveDate: '2026-06-01',
        reason: 'isolation',
        changes: { endDate: '2026-12-31' },
        contentHash: randomUUID(),
        rateCard: null,
        scheduleLinks: null,
        status: 'applied' as const,
        steps: [],
        lastError: null,
        attempts: 1,
        leaseUntil: null,
        requestedBy: null,
        correlationId: null,
        createdAt: now,
        updatedAt: now,
        appliedAt: now,
      };
      await stack.get('process-api').app!.get(DataSource).getRepository(ContractAmendmentEntity).insert(amendment);
      amendmentIds.set(legalEntity, amendment.id);
    }
    // A billing run and an invoice per entity (billing; a real run needs the PSA, the ERP and Stripe).
    const db = stack.get('process-api').app!.get(DataSource);
    for (const legalEntity of ['US-01', 'DE-01', 'UK-01']) {
      const runId = randomUUID();
      await db.getRepository(BillingRunEntity).insert({
        id: runId,
        status: 'completed',
        periodFrom: '2025-06-01',
        periodTo: '2025-06-30',
        legalEntity,
        customers: null,
        projects: null,
        dryRun: false,
        preview: { invoices: [], held: [], counts: { invoices: 1, lines: 0, items: 0, held: 0, settled: 0 } },
        startedBy: 'isolation-a',
        approvedBy: 'isolation-b',
        approvedAt: now,
        invoicesTotal: 1,
        invoicesDone: 1,
        invoicesFailed: 0,
        errors: [],
        leaseUntil: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: now,
      });
      await db.getRepository(BillingInvoiceEntity).insert({
        id: `inv-${randomUUID().replace(/-/g, '')}`,
        runId,
        customerId: `ACC-${legalEntity}`,
        projectId: `PRJ-${legalEntity}`,
        contractId: `CTR-${legalEntity}`,
        legalEntity,
        currency: 'EUR',
        customerCountry: null,
        periodFrom: '2025-06-01',
        periodTo: '2025-06-30',
        issueDate: '2025-07-01',
        dueDate: '2025-07-31',
        subtotalMinor: 0n,
        taxMinor: 0n,
        totalMinor: 0n,
        status: 'done',
        steps: [],
        billingInvoiceId: null,
        erpInvoiceId: null,
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
    // Wait until every walked list shows the three entities to the unbound consumer.
    const deadline = Date.now() + 20_000;
    for (const op of operations.filter((o) => o.pathParams.length === 0)) {
      for (;;) {
        const res = await call(unboundKey, op.path);
        if (res.status === 200 && entitiesIn(res.body).size >= 3) break;
        if (Date.now() > deadline)
          throw new Error(`${op.path} never showed three entities: ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks at least the provisionings, the dead letters and the KPIs', () => {
    const paths = operations.map((o) => o.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/process/project-setup/v1/provisionings',
        '/process/project-setup/v1/provisionings/{id}',
        '/process/operations/v1/dead-letters',
        '/process/operations/v1/dead-letters/{id}',
        '/experience/dashboard/v1/kpis',
      ]),
    );
  });

  it('shows a bound consumer only its entities in every list and aggregate', async () => {
    for (const op of operations.filter((o) => o.pathParams.length === 0)) {
      const unbound = await call(unboundKey, op.path);
      expect({ op: op.path, status: unbound.status }).toEqual({ op: op.path, status: 200 });
      const all = entitiesIn(unbound.body);
      // The seed must give every list something to hide, or this check could not fail.
      expect({ op: op.path, hidesSomething: [...all].some((e) => !BOUND.includes(e)) }).toEqual({
        op: op.path,
        hidesSomething: true,
      });
      const bound = await call(boundKey, op.path);
      expect({ op: op.path, status: bound.status }).toEqual({ op: op.path, status: 200 });
      expect({ op: op.path, entities: [...entitiesIn(bound.body)].sort() }).toEqual({ op: op.path, entities: BOUND });
    }
  });

  it("answers 403 problem+json for another entity's resource and 200 for its own, on every {id} operation", async () => {
    for (const op of operations.filter((o) => o.pathParams.length > 0 && !o.pathParams.includes('code'))) {
      expect(op.pathParams).toEqual(['id']);
      const collection = op.path.slice(0, op.path.lastIndexOf('/{'));
      const items = itemsOf((await call(unboundKey, collection)).body);
      const foreign = items.find((i) => entitiesIn(i).size > 0 && ![...entitiesIn(i)].every((e) => BOUND.includes(e)));
      const own = items.find((i) => [...entitiesIn(i)].every((e) => BOUND.includes(e)) && entitiesIn(i).size > 0);
      expect({ op: op.path, foreign: !!foreign, own: !!own }).toEqual({ op: op.path, foreign: true, own: true });

      const forbidden = await call(boundKey, op.path.replace('{id}', (foreign as { id: string }).id));
      expect({ op: op.path, status: forbidden.status }).toEqual({ op: op.path, status: 403 });
      expect(forbidden.type).toContain('application/problem+json');
      const allowed = await call(boundKey, op.path.replace('{id}', (own as { id: string }).id));
      expect({ op: op.path, status: allowed.status }).toEqual({ op: op.path, status: 200 });
    }
  });

  it("answers 403 problem+json for another entity's project and 200 for its own, on every project-scoped ({code}) operation", async () => {
    const scoped = operations.filter((o) => o.pathParams.includes('code'));
    expect(scoped.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/process/project-setup/v2/projects/{code}/amendments']),
    );
    const fill = (p: string, entity: string) =>
      p.replace('{code}', `ISO-${entity}`).replace('{id}', amendmentIds.get(entity) ?? 'none');
    for (const op of scoped) {
      expect(op.pathParams.filter((x) => x !== 'code' && x !== 'id')).toEqual([]);
      const forbidden = await call(boundKey, fill(op.path, 'DE-01'));
      expect({ op: op.path, status: forbidden.status }).toEqual({ op: op.path, status: 403 });
      expect(forbidden.type).toContain('application/problem+json');
      const allowed = await call(boundKey, fill(op.path, 'US-01'));
      expect({ op: op.path, status: allowed.status }).toEqual({ op: op.path, status: 200 });
      expect([...entitiesIn(allowed.body)]).toEqual(BOUND);
      const unbound = await call(unboundKey, fill(op.path, 'UK-01'));
      expect({ op: op.path, status: unbound.status }).toEqual({ op: op.path, status: 200 });
    }
  });
});
