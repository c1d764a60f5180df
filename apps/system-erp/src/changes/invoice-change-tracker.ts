import { EventTypes, InvoicePaidData } from '@app/contracts';
import { EventEnvelope, newEvent, OutboxService } from '@app/messaging';
import { Correlation } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ERP_ADAPTER, ErpAdapter, InvoiceChange } from '../adapters/erp-adapter';
import { ErpPollCursorEntity } from './entities/erp-poll-cursor.entity';
import { InvoiceSnapshotEntity } from './entities/invoice-snapshot.entity';

export const EVENT_SOURCE = 'system-erp';

/** The `invoice.paid` event of an invoice the ERP reports paid in full. */
export function invoicePaidEvent(change: InvoiceChange): EventEnvelope<InvoicePaidData> {
  const { invoice, modifiedAt } = change;
  return newEvent<InvoicePaidData>(
    EventTypes.InvoicePaid,
    invoice.id,
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

/**
 * Polls the ERP for invoices modified since the persisted cursor and publishes `invoice.paid` when
 * one becomes paid: snapshot, cursor and outbox row in one transaction, so a crash between polls
 * neither loses nor repeats an event. The cursor starts at the first poll ("now": history is not
 * replayed) and re-reads its own instant (>=), the snapshots making that harmless.
 */
@Injectable()
export class InvoiceChangeTracker {
  private readonly log = new Logger('InvoiceChangeTracker');

  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  private get feed(): string {
    return `${this.erp.vendor}:invoices`;
  }

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
      const snapshots = manager.getRepository(InvoiceSnapshotEntity);
      const events: EventEnvelope[] = [];
      let newest = cursor.since;
      let changed = 0;
      for (const change of changes) {
        const at = new Date(change.modifiedAt);
        if (at > newest) newest = at;
        const before = await snapshots.findOne({ where: { vendor: this.erp.vendor, invoiceId: change.invoice.id } });
        if (before?.status === change.invoice.status) continue;
        changed++;
        await snapshots.save({
          vendor: this.erp.vendor,
          invoiceId: change.invoice.id,
          status: change.invoice.status,
          modifiedAt: at,
        });
        if (change.invoice.status === 'paid')
          events.push(Correlation.run(Correlation.create(), () => invoicePaidEvent(change)));
      }
      await this.outbox.stage(manager, events);
      await manager
        .getRepository(ErpPollCursorEntity)
        .update({ name: this.feed }, { since: newest, updatedAt: new Date() });
      for (const e of events) this.log.log({ eventId: e.id, subject: e.subject }, 'invoice paid: event staged');
      return { changed, events: events.length };
    });
  }
}
