import { assertValidContract, EventTypes, InvoicePaidData, InvoicePostedData } from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ERP_ADAPTER, ErpAdapter, InvoiceChange } from '../adapters/erp-adapter';
import { InvoiceTraces } from '../invoices/invoice-traces';
import { ErpPollCursorEntity } from './entities/erp-poll-cursor.entity';
import { InvoiceSnapshotEntity } from './entities/invoice-snapshot.entity';

export const EVENT_SOURCE = 'system-erp';

/** The `invoice.paid` event of an invoice the ERP reports paid in full. */
export function invoicePaidEvent(change: InvoiceChange): EventEnvelope<InvoicePaidData> {
  const { invoice, modifiedAt } = change;
  return newEvent<InvoicePaidData>(
    EventTypes.InvoicePaid,
    `invoice/${invoice.id}`,
    {
      invoiceId: invoice.id,
      crossReferences: invoice.crossReferences,
      payment: {
        id: `${invoice.id}.settlement`,
        crossReferences: {},
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        amount: invoice.amountPaid,
        status: 'succeeded',
        method: 'other',
        occurredAt: modifiedAt,
      },
      amountPaid: invoice.amountPaid,
      paidAt: modifiedAt,
    },
    { source: EVENT_SOURCE, occurredAt: modifiedAt },
  );
}

/** Statuses in which the invoice is in the ledger. */
const BOOKED = new Set(['posted', 'paid']);

/**
 * Turns what the ERP reports about invoices into canonical events: `invoice.posted` when an invoice
 * is first seen booked (posted or already paid), `invoice.paid` when it becomes paid. Snapshot,
 * cursor and outbox rows are written in one transaction, so a crash neither loses nor repeats an
 * event. Two sources feed it: polling with a cursor persisted in PostgreSQL (`pollOnce`, every ERP)
 * and Business Central's webhook notifications (`record`).
 */
@Injectable()
export class InvoiceChangeTracker {
  private readonly log = new Logger('InvoiceChangeTracker');

  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly traces: InvoiceTraces,
  ) {}

  private get feed(): string {
    return `${this.erp.vendor}:invoices`;
  }

  /**
   * Reads invoices modified since the persisted cursor. The cursor starts at the first poll ("now":
   * history is not replayed) and re-reads its own instant (>=), the snapshots making that harmless.
   */
  async pollOnce(): Promise<{ changed: number; events: number }> {
    const cursors = this.dataSource.getRepository(ErpPollCursorEntity);
    const cursor = await cursors.findOne({ where: { name: this.feed } });
    if (!cursor) {
      const now = new Date();
      await cursors.upsert({ name: this.feed, since: now, updatedAt: now }, ['name']);
      return { changed: 0, events: 0 };
    }
    const changes = await this.erp.invoiceChangesSince(cursor.since);
    return this.dataSource.transaction(async (manager) => {
      let newest = cursor.since;
      for (const change of changes) {
        const at = new Date(change.modifiedAt);
        if (at > newest) newest = at;
      }
      const result = await this.apply(manager, changes);
      await manager
        .getRepository(ErpPollCursorEntity)
        .update({ name: this.feed }, { since: newest, updatedAt: new Date() });
      return result;
    });
  }

  /** Invoice states reported by a push source (webhook), applied like polled ones. */
  async record(changes: InvoiceChange[]): Promise<{ changed: number; events: number }> {
    return this.dataSource.transaction((manager) => this.apply(manager, changes));
  }

  private async apply(manager: EntityManager, changes: InvoiceChange[]): Promise<{ changed: number; events: number }> {
    const snapshots = manager.getRepository(InvoiceSnapshotEntity);
    const events: EventEnvelope[] = [];
    let changed = 0;
    for (const change of changes) {
      const at = new Date(change.modifiedAt);
      const key = { vendor: this.erp.vendor, invoiceId: change.invoice.id };
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`system_erp:invoice:${key.invoiceId}`]);
      const before = await snapshots.findOne({ where: key });
      const status = change.invoice.status;
      if (before?.status === status) continue;
      changed++;
      await snapshots.save({ ...key, status, modifiedAt: at });
      const correlation = Correlation.create();
      if (BOOKED.has(status) && !BOOKED.has(before?.status ?? 'draft')) {
        const posted = await this.postedEvent(change);
        if (posted) events.push(Correlation.run(correlation, () => posted()));
      }
      if (status === 'paid') events.push(Correlation.run(correlation, () => invoicePaidEvent(change)));
    }
    await this.outbox.stage(manager, events);
    for (const e of events) this.log.log({ eventId: e.id, type: e.type, subject: e.subject }, 'invoice event staged');
    return { changed, events: events.length };
  }

  /** The `invoice.posted` event, or undefined (logged) for an invoice created without its contract. */
  private async postedEvent(change: InvoiceChange): Promise<(() => EventEnvelope) | undefined> {
    const invoice = await this.traces.canonical(change.invoice, change.modifiedAt);
    if (!invoice) {
      this.log.warn(
        { invoiceId: change.invoice.id },
        'invoice posted in the ERP has no canonical trace (created without contractId): invoice.posted not published',
      );
      return undefined;
    }
    const vendorId = change.invoice.crossReferences[this.erp.vendor];
    let data: InvoicePostedData;
    try {
      data = assertValidContract(InvoicePostedData, {
        invoice,
        ledgerSystem: this.erp.vendor,
        ledgerDocumentId: vendorId ?? change.invoice.number,
        postedAt: change.modifiedAt,
      });
    } catch (error) {
      // Not a canonical invoice (e.g. lines changed in the ERP since): never a poison pill for the feed.
      this.log.error(
        { invoiceId: change.invoice.id, err: error },
        'posted invoice does not make a valid canonical invoice: invoice.posted not published',
      );
      return undefined;
    }
    return () =>
      newEvent<InvoicePostedData>(EventTypes.InvoicePosted, `invoice/${change.invoice.id}`, data, {
        source: EVENT_SOURCE,
        occurredAt: change.modifiedAt,
      });
  }
}
