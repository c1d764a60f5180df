import type { CustomerChangedData } from '@app/contracts';
import type { EventEnvelope } from '@app/messaging';
import { AccountChangeTracker } from '../../apps/system-crm/src/changes/account-change-tracker';
import { CrmChangePoller } from '../../apps/system-crm/src/changes/crm-change-poller';
import { CrmHarness, waitFor } from './crm-test-harness';

const V = '/services/data/v60.0';

/** customer.changed: an account edited in the Salesforce sandbox -> system-crm's account feed -> outbox, once. */
describe('account change poller (customer.changed)', () => {
  let h: CrmHarness;

  const tracker = () => h.crm!.app.get(AccountChangeTracker);
  const events = async (subject?: string) =>
    (
      await h.sql<{ event: EventEnvelope<CustomerChangedData> }>(
        "SELECT event FROM system_crm.outbox WHERE event->>'type' = 'customer.changed' ORDER BY id",
      )
    )
      .map((r) => r.event)
      .filter((e) => subject === undefined || e.subject === subject);
  const patchAccount = async (externalId: string, fields: Record<string, unknown>) => {
    const res = await h.sf.call('PATCH', `${V}/sobjects/Account/External_Id__c/${externalId}`, fields);
    expect([200, 201]).toContain(res.status);
  };
  /** Waits for a later second: Salesforce timestamps have whole seconds. */
  const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

  beforeAll(async () => {
    h = await CrmHarness.start({ CRM_POLL_ENABLED: 'false', CRM_POLL_OVERLAP_MS: '2000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('starts at now: the seeded accounts emit nothing', async () => {
    expect(await tracker().pollOnce()).toMatchObject({ initialised: true, events: 0 });
    expect(await tracker().pollOnce()).toMatchObject({ initialised: false, events: 0 });
    expect(await events()).toEqual([]);
    const cursors = await h.sql<{ name: string }>('SELECT name FROM system_crm.poll_cursors ORDER BY name');
    expect(cursors.map((c) => c.name)).toContain('salesforce:account');
  });

  it('stages one customer.changed when an account is edited in Salesforce, also across re-reads and a restart', async () => {
    const [seeded] = await h.sf.soql<{ External_Id__c: string; Name: string; Legal_Entity__c: string }>(
      'SELECT External_Id__c, Name, Legal_Entity__c FROM Account WHERE Legal_Entity__c != null ORDER BY Id LIMIT 1',
    );
    const id = seeded.External_Id__c;
    await patchAccount(id, { Name: `${seeded.Name} (renamed)`, Payment_Terms_Days__c: 45 });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 }); // re-read in the overlap window
    await h.startCrm();
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });

    const staged = await events(`customer/${id}`);
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatchObject({
      type: 'customer.changed',
      source: 'system-crm',
      subject: `customer/${id}`,
      data: {
        customer: {
          id,
          name: `${seeded.Name} (renamed)`,
          status: 'active',
          legalEntityId: seeded.Legal_Entity__c,
          paymentTermsDays: 45,
          crossReferences: { salesforce: expect.stringMatching(/^001/) },
        },
      },
    });
    // First sight of the account since the feed started: which fields changed is unknown.
    expect(staged[0].data.changedFields).toBeUndefined();
  });

  it('names the changed canonical fields on a later change; an edit the customer does not show emits nothing', async () => {
    const [seeded] = await h.sf.soql<{ External_Id__c: string }>(
      'SELECT External_Id__c FROM Account WHERE Legal_Entity__c != null ORDER BY Id LIMIT 1',
    );
    const id = seeded.External_Id__c;
    await nextSecond();
    await patchAccount(id, { Website: 'https://changed.example' });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
    await nextSecond();
    await patchAccount(id, { Payment_Terms_Days__c: 60 });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    const staged = await events(`customer/${id}`);
    expect(staged).toHaveLength(2);
    expect(staged[1].data).toMatchObject({ customer: { paymentTermsDays: 60 }, changedFields: ['paymentTermsDays'] });
  });

  it('an account created through system-crm is a customer.changed; one without a legal entity is not', async () => {
    const put = (id: string, body: unknown) =>
      fetch(`${h.crm!.url}/system/crm/v1/accounts/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('ACC-EV-0001', { name: 'Evented Ltd', legalEntity: 'UK-01', currency: 'GBP' })).status).toBe(201);
    expect((await put('ACC-EV-0002', { name: 'Prospect only' })).status).toBe(201);
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    expect(await events('customer/ACC-EV-0001')).toHaveLength(1);
    expect(await events('customer/ACC-EV-0002')).toHaveLength(0);
  });

  it('the running poller publishes the event once through the outbox relay', async () => {
    await h.startCrm({ CRM_POLL_ENABLED: 'true', CRM_POLL_INTERVAL_MS: '100', CRM_ACCOUNT_POLL_INTERVAL_MS: '100' });
    expect(h.crm!.app.get(CrmChangePoller).isRunning).toBe(true);
    await patchAccount('ACC-EV-0001', { Name: 'Evented Group Ltd' });
    const staged = await waitFor(async () => {
      const found = (await events('customer/ACC-EV-0001')).filter((e) => e.data.customer.name === 'Evented Group Ltd');
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(staged).toHaveLength(1);
    expect(staged[0].data.changedFields).toEqual(['name']);
    await waitFor(async () => {
      const rows = await h.sql<{ published_at: Date | null }>(
        "SELECT published_at FROM system_crm.outbox WHERE event->>'id' = $1",
        [staged[0].id],
      );
      return rows[0]?.published_at ?? undefined;
    }, 10_000);
    const metrics = await (await fetch(`${h.crm!.url}/metrics`)).text();
    expect(metrics).toMatch(/crm_events_staged_total\{[^}]*type="customer.changed"[^}]*\} 1/);
    await h.crm!.close();
    h.crm = undefined;
    expect(
      (await events('customer/ACC-EV-0001')).filter((e) => e.data.customer.name === 'Evented Group Ltd'),
    ).toHaveLength(1);
  });
});
