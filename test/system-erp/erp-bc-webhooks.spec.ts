import { Client } from 'pg';
import { BusinessCentralErpAdapter } from '../../apps/system-erp/src/adapters/business-central/business-central-erp.adapter';
import { ERP_ADAPTER } from '../../apps/system-erp/src/adapters/erp-adapter';
import { BusinessCentralWebhooks } from '../../apps/system-erp/src/changes/business-central-webhooks.service';
import { ErpHarness, freePort } from './erp-test-harness';

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });
const DAY = 24 * 3600 * 1000;

async function query<T>(h: ErpHarness, sql: string, params: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: h.db.url });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

const events = (h: ErpHarness, type: string) =>
  query<{ event: any }>(h, "SELECT event FROM system_erp.outbox WHERE event->>'type' = $1 ORDER BY id", [type]).then(
    (rows) => rows.map((r) => r.event),
  );

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Business Central pushes: system-erp subscribes to each mapped company's salesInvoices (the sandbox
 * performs the validation-token handshake against system-erp), receives the notifications after a
 * posting and a payment, reads the invoice and publishes invoice.posted / invoice.paid. Polling is
 * off here: the events can only come from the webhooks.
 */
describe('Business Central webhook subscriptions -> invoice.posted and invoice.paid', () => {
  let h: ErpHarness;
  let webhooks: BusinessCentralWebhooks;

  beforeAll(async () => {
    const port = await freePort();
    h = await ErpHarness.start(
      'business-central',
      { BUSINESS_CENTRAL_NOTIFICATION_URL: `http://127.0.0.1:${port}/system/erp/v1/webhooks/business-central` },
      port,
    );
    webhooks = h.erp.app.get(BusinessCentralWebhooks);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('answers the validation-token handshake with the token as text/plain', async () => {
    const res = await fetch(`${h.erp.url}/system/erp/v1/webhooks/business-central?validationToken=abc123`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('abc123');
  });

  it('subscribes to every mapped company once (validated by the sandbox), persisted', async () => {
    await webhooks.ensureSubscriptions();
    expect(await webhooks.ensureSubscriptions()).toEqual({ created: 0, renewed: 0 });
    const rows = await query<{ subscription_id: string; resource: string; expires_at: Date }>(
      h,
      'SELECT subscription_id, resource, expires_at FROM system_erp.erp_subscriptions ORDER BY resource',
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.resource).toMatch(/^api\/v2\.0\/companies\([0-9a-f-]{36}\)\/salesInvoices$/);
      expect(row.expires_at.getTime() - Date.now()).toBeGreaterThan(2.9 * DAY);
    }
    const bc = h.erp.app.get<BusinessCentralErpAdapter>(ERP_ADAPTER);
    const atBc = await bc.getSubscription(rows[0].subscription_id);
    expect(atBc).toMatchObject({ subscriptionId: rows[0].subscription_id, resource: rows[0].resource });
  });

  it('publishes invoice.posted, then invoice.paid, from the notifications alone', async () => {
    const ok = (r: { status: number }) => expect(r.status).toBe(201);
    ok(await h.call('POST', '/system/erp/v1/customers', { id: 'cust-wh-1', name: 'Hook Ltd', legalEntityId: 'UK-01' }));
    ok(
      await h.call('POST', '/system/erp/v1/invoices', {
        id: 'inv-wh-1',
        customerId: 'cust-wh-1',
        contractId: 'ctr-wh-1',
        issueDate: '2025-06-30',
        dueDate: '2025-07-30',
        lines: [
          {
            description: 'Milestone 1',
            role: 'consultant',
            quantityMinutes: 60,
            unitPrice: gbp(50000),
            amount: gbp(50000),
            kind: 'milestone',
            milestoneId: 'ms-wh-1',
          },
        ],
      }),
    );
    expect(await events(h, 'invoice.posted')).toEqual([]); // a draft is not posted
    const posted = await h.call('POST', '/system/erp/v1/invoices/inv-wh-1/post');
    expect(posted.body.status).toBe('posted');
    const [event] = await eventually(
      () => events(h, 'invoice.posted'),
      (e) => e.length > 0,
    );
    expect(event).toMatchObject({
      subject: 'invoice/inv-wh-1',
      data: {
        ledgerSystem: 'business-central',
        ledgerDocumentId: posted.body.crossReferences['business-central'],
        invoice: {
          id: 'inv-wh-1',
          contractId: 'ctr-wh-1',
          status: 'finalized',
          lines: [{ kind: 'milestone', milestoneId: 'ms-wh-1', amount: gbp(50000) }],
        },
      },
    });

    const vendorId = posted.body.crossReferences['business-central'] as string;
    expect((await h.pay(vendorId, 500)).status).toBe(200);
    const paid = await eventually(
      () => events(h, 'invoice.paid'),
      (e) => e.length > 0,
    );
    expect(paid).toEqual([
      expect.objectContaining({
        subject: 'invoice/inv-wh-1',
        data: expect.objectContaining({ amountPaid: gbp(50000) }),
      }),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await events(h, 'invoice.posted')).toHaveLength(1);
    expect(await events(h, 'invoice.paid')).toHaveLength(1);
  });

  it('records a posted invoice without a contract trace but publishes no invoice.posted for it (no guess)', async () => {
    const created = await h.call('POST', '/system/erp/v1/invoices', {
      id: 'inv-wh-2',
      customerId: 'cust-wh-1',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [
        { description: 'Advice', role: 'consultant', quantityMinutes: 60, unitPrice: gbp(100), amount: gbp(100) },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('contractId');
    expect((await h.call('POST', '/system/erp/v1/invoices/inv-wh-2/post')).body.status).toBe('posted');
    const snapshot = await eventually(
      () =>
        query<{ status: string }>(h, "SELECT status FROM system_erp.invoice_snapshots WHERE invoice_id = 'inv-wh-2'"),
      (rows) => rows[0]?.status === 'posted',
    );
    expect(snapshot).toEqual([{ status: 'posted' }]); // the draft was seen too (its creation notified)
    expect((await events(h, 'invoice.posted')).map((e) => e.subject)).toEqual(['invoice/inv-wh-1']);
  });

  it('drops notifications with an unknown subscription or a wrong client state; 400 for a body that is not one', async () => {
    const [sub] = await query<{ subscription_id: string; resource: string }>(
      h,
      'SELECT subscription_id, resource FROM system_erp.erp_subscriptions LIMIT 1',
    );
    const forged = await h.call('POST', '/system/erp/v1/webhooks/business-central', {
      value: [
        {
          subscriptionId: sub.subscription_id,
          clientState: 'guessed',
          resource: `${sub.resource}(00000000-0000-0000-0000-000000000001)`,
          changeType: 'updated',
        },
        { subscriptionId: 'nope', clientState: 'x', resource: sub.resource, changeType: 'updated' },
      ],
    });
    expect(forged.status).toBe(202);
    expect(forged.body).toEqual({ accepted: 0, rejected: 2, events: 0 });
    const bad = await h.call('POST', '/system/erp/v1/webhooks/business-central', { hello: 'world' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('renews subscriptions close to expiry and re-creates one BC lost', async () => {
    const before = await query<{ subscription_id: string; expires_at: Date }>(
      h,
      'SELECT subscription_id, expires_at FROM system_erp.erp_subscriptions ORDER BY resource',
    );
    // Two and a half days later, within the 24-hour renewal window of every subscription.
    expect(await webhooks.ensureSubscriptions(new Date(Date.now() + 2.5 * DAY))).toEqual({ created: 0, renewed: 3 });
    const renewed = await query<{ subscription_id: string; expires_at: Date }>(
      h,
      'SELECT subscription_id, expires_at FROM system_erp.erp_subscriptions ORDER BY resource',
    );
    expect(renewed.map((r) => r.subscription_id)).toEqual(before.map((r) => r.subscription_id));
    renewed.forEach((r, i) => expect(r.expires_at.getTime()).toBeGreaterThan(before[i].expires_at.getTime()));

    const bc = h.erp.app.get<BusinessCentralErpAdapter>(ERP_ADAPTER);
    // BC's optimistic concurrency on renewal: a stale etag is refused.
    const current = (await bc.getSubscription(before[0].subscription_id))!;
    await expect(bc.renewSubscription({ ...current, '@odata.etag': 'W/"stale"' })).rejects.toMatchObject({
      extra: expect.objectContaining({ vendorCode: 'Request_EntityChanged' }),
    });
    const sandboxDelete = await bc['client'].request({
      method: 'DELETE',
      path: `subscriptions('${before[0].subscription_id}')`,
    });
    expect(sandboxDelete.status).toBe(204);
    expect(await webhooks.ensureSubscriptions(new Date(Date.now() + 2.5 * DAY))).toEqual({ created: 1, renewed: 2 });
    const after = await query<{ subscription_id: string }>(
      h,
      'SELECT subscription_id FROM system_erp.erp_subscriptions ORDER BY resource',
    );
    expect(after[0].subscription_id).not.toBe(before[0].subscription_id);
  });
});
