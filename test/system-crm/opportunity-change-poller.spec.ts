import type { EventEnvelope } from '@app/messaging';
import type { OpportunityClosedWonData } from '@app/contracts';
import { CrmChangePoller } from '../../apps/system-crm/src/changes/crm-change-poller';
import { OpportunityChangeTracker } from '../../apps/system-crm/src/changes/opportunity-change-tracker';
import { CrmHarness, waitFor } from './crm-test-harness';

/** Change detection: Salesforce sandbox -> system-crm poller -> outbox, exactly once. */
describe('opportunity change poller', () => {
  let h: CrmHarness;

  const tracker = () => h.crm!.app.get(OpportunityChangeTracker);
  const events = async () =>
    (
      await h.sql<{ event: EventEnvelope<OpportunityClosedWonData> }>('SELECT event FROM system_crm.outbox ORDER BY id')
    ).map((r) => r.event);
  const eventsFor = async (subject: string) => (await events()).filter((e) => e.subject === subject);
  const lastModified = async (externalId: string) =>
    (
      await h.sf.soql<{ LastModifiedDate: string }>(
        `SELECT LastModifiedDate FROM Opportunity WHERE External_Id__c = '${externalId}'`,
      )
    )[0].LastModifiedDate;

  beforeAll(async () => {
    h = await CrmHarness.start({ CRM_POLL_ENABLED: 'false', CRM_POLL_OVERLAP_MS: '2000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('starts the feed at now on the first poll: the seeded history emits nothing', async () => {
    const won = (await h.sf.soql('SELECT Id FROM Opportunity WHERE IsWon = true')).length;
    expect(won).toBeGreaterThan(0);
    const result = await tracker().pollOnce();
    expect(result).toMatchObject({ initialised: true, seen: won, events: 0 });
    expect(await events()).toEqual([]);
    const [cursor] = await h.sql<{ name: string; last_modified_at: Date }>('SELECT * FROM system_crm.poll_cursors');
    expect(cursor.name).toBe('salesforce:opportunity');
    expect(Math.abs(cursor.last_modified_at.getTime() - Date.now())).toBeLessThan(5000);
    expect(await h.sql('SELECT count(*)::int AS n FROM system_crm.opportunity_snapshots')).toEqual([{ n: won }]);
    // Nothing changed since: a second poll stays quiet.
    expect(await tracker().pollOnce()).toMatchObject({ initialised: false, events: 0 });
  });

  it('stages exactly one opportunity.closed_won when a deal moves to Closed Won, also across a restart', async () => {
    await h.sf.patchOpportunity('OPP-0003', { StageName: 'Closed Won' });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });

    await h.startCrm(); // restart: a new process would see the same database
    expect(await tracker().pollOnce()).toMatchObject({ initialised: false, events: 0 });

    const staged = await eventsFor('OPP-0003');
    expect(staged).toHaveLength(1);
    const [event] = staged;
    expect(event).toMatchObject({
      type: 'opportunity.closed_won',
      version: 1,
      source: 'system-crm',
      subject: 'OPP-0003',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: expect.any(String),
      data: {
        previousStage: null,
        changedAt: expect.stringMatching(/Z$/),
        opportunity: {
          id: 'OPP-0003',
          stage: 'closed-won',
          accountId: 'ACC-0001',
          amount: { amountMinor: 4250050, currency: 'USD' },
          legalEntity: 'US-01',
          billingModel: 'fixed-fee',
          crossReferences: { salesforce: expect.stringMatching(/^006/) },
        },
      },
    });
    expect(event.occurredAt).toBe(event.data.changedAt);
    // The won deal carries its line items, as the CRM holds them.
    const lines = await h.sf.soql<{ External_Id__c: string }>(
      "SELECT External_Id__c FROM OpportunityLineItem WHERE Opportunity.External_Id__c = 'OPP-0003' ORDER BY SortOrder, ServiceDate, Id",
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(event.data.opportunity.lineItems!.map((l) => l.id)).toEqual(lines.map((l) => l.External_Id__c));
  });

  it('picks up a win made while system-crm was down, once', async () => {
    await h.crm!.close();
    h.crm = undefined;
    await h.sf.patchOpportunity('OPP-0005', { StageName: 'Closed Won' });
    await h.startCrm();
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
    expect(await eventsFor('OPP-0005')).toHaveLength(1);
  });

  it('ignores edits of deals won before the feed started and moves that are not wins', async () => {
    const before = (await events()).length;
    await h.sf.patchOpportunity('OPP-0001', { Amount: 190000 }); // seeded, already won
    await h.sf.patchOpportunity('OPP-0009', { StageName: 'Negotiation/Review' });
    await h.sf.patchOpportunity('OPP-0019', { StageName: 'Closed Lost' });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
    expect((await events()).length).toBe(before);
  });

  it('does not lose a win that shares its LastModifiedDate second with an earlier change already seen', async () => {
    // Salesforce timestamps have whole seconds: change, poll, then win within the same second.
    const candidates = ['OPP-0007', 'OPP-0011', 'OPP-0014', 'OPP-0017', 'OPP-0020'];
    let tested: string | undefined;
    for (const id of candidates) {
      while (Date.now() % 1000 > 300) await new Promise((r) => setTimeout(r, 20));
      await h.sf.patchOpportunity(id, { StageName: 'Negotiation/Review' });
      const first = await lastModified(id);
      await tracker().pollOnce();
      await h.sf.patchOpportunity(id, { StageName: 'Closed Won' });
      if ((await lastModified(id)) === first) {
        tested = id;
        break;
      }
    }
    expect(tested).toBeDefined();
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    const [event] = await eventsFor(tested!);
    expect(event.data.previousStage).toBe('negotiation');
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
  });

  it('emits again when a deal is reopened and won again', async () => {
    await h.sf.patchOpportunity('OPP-0003', { StageName: 'Negotiation/Review' });
    await tracker().pollOnce();
    await new Promise((r) => setTimeout(r, 1000)); // a later second
    await h.sf.patchOpportunity('OPP-0003', { StageName: 'Closed Won' });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    const staged = await eventsFor('OPP-0003');
    expect(staged.map((e) => e.data.previousStage)).toEqual([null, 'negotiation']);
  });

  it('a won deal with a line item the canonical model cannot hold still emits once, without that line', async () => {
    // An open deal the other cases here do not touch.
    const used = ['0001', '0003', '0005', '0007', '0009', '0011', '0014', '0017', '0019', '0020', '0028'];
    const [deal] = await h.sf.soql<{ Id: string; External_Id__c: string }>(
      `SELECT Id, External_Id__c FROM Opportunity WHERE IsClosed = false AND External_Id__c NOT IN (${used.map((n) => `'OPP-${n}'`).join(', ')}) ORDER BY Id LIMIT 1`,
    );
    const product = await h.sf.call('PATCH', '/services/data/v60.0/sobjects/Product2/External_Id__c/PRD-NO-CODE', {
      Name: 'Travel (no code)',
      Family: 'Other',
    });
    const line = await h.sf.call('POST', '/services/data/v60.0/sobjects/OpportunityLineItem', {
      OpportunityId: deal.Id,
      Product2Id: product.body.id,
      Quantity: 1,
      UnitPrice: 500,
    });
    expect(line.status).toBe(201);
    const good = await h.sf.soql(
      `SELECT Id FROM OpportunityLineItem WHERE OpportunityId = '${deal.Id}' AND Product2.ProductCode != null`,
    );
    await h.sf.patchOpportunity(deal.External_Id__c, { StageName: 'Closed Won' });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1 });
    const [event] = await eventsFor(deal.External_Id__c);
    expect(event.data.opportunity.lineItems).toHaveLength(good.length);
    expect(event.data.opportunity.lineItems!.map((l) => l.crossReferences.salesforce)).not.toContain(line.body.id);
  });

  it('polls by itself while the app runs and stops with it', async () => {
    await h.startCrm({ CRM_POLL_ENABLED: 'true', CRM_POLL_INTERVAL_MS: '100' });
    const poller = h.crm!.app.get(CrmChangePoller);
    expect(poller.isRunning).toBe(true);
    await h.sf.patchOpportunity('OPP-0028', { StageName: 'Closed Won' });
    const staged = await waitFor(async () => {
      const found = await eventsFor('OPP-0028');
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(staged).toHaveLength(1);
    // The relay publishes staged events to the bus right after commit.
    await waitFor(async () => {
      const [row] = await h.sql<{ published_at: Date | null }>(
        "SELECT published_at FROM system_crm.outbox WHERE event->>'subject' = 'OPP-0028'",
      );
      return row.published_at ?? undefined;
    }, 10_000);
    const metrics = await (await fetch(`${h.crm!.url}/metrics`)).text();
    expect(metrics).toMatch(/crm_events_staged_total\{[^}]*type="opportunity.closed_won"[^}]*\} 1/);
    expect(metrics).toMatch(/crm_polls_total\{[^}]*outcome="ok"[^}]*\} \d+/);
    await h.crm!.close();
    expect(poller.isRunning).toBe(false);
    h.crm = undefined;
    expect(await eventsFor('OPP-0028')).toHaveLength(1);
  });
});
