import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CallerIdentity, NotFoundProblem } from '@app/platform';
import { DataSource, In } from 'typeorm';
import type { InvoiceLineageDto } from '../dto/lineage.dto';
import { BillableItemEntity, BillingInvoiceEntity, BillingInvoiceLineEntity, BillingLineItemEntity } from '../entities';
import { toSafeNumber } from '../money/money';

const n = (v: bigint | null) => (v === null ? null : toSafeNumber(v));

/** Lineage: each invoice line -> its items (entries, expenses, milestone, schedule item), approvals, pricing. */
@Injectable()
export class InvoiceLineageService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lineage(invoiceId: string, caller: CallerIdentity): Promise<InvoiceLineageDto> {
    const invoice = await this.db.getRepository(BillingInvoiceEntity).findOneBy({ id: invoiceId });
    if (!invoice) throw new NotFoundProblem(`No invoice ${invoiceId}`);
    caller.assertSees(invoice.legalEntity, `Invoice ${invoiceId}`);
    const lines = await this.db
      .getRepository(BillingInvoiceLineEntity)
      .find({ where: { invoiceId }, order: { sequence: 'ASC' } });
    const assignments = await this.db.getRepository(BillingLineItemEntity).find({ where: { invoiceId } });
    const items = assignments.length
      ? await this.db.getRepository(BillableItemEntity).find({ where: { id: In(assignments.map((a) => a.itemId)) } })
      : [];
    const itemById = new Map(items.map((i) => [i.id, i]));
    return {
      invoiceId: invoice.id,
      runId: invoice.runId,
      customerId: invoice.customerId,
      projectId: invoice.projectId,
      contractId: invoice.contractId,
      legalEntity: invoice.legalEntity,
      currency: invoice.currency,
      periodFrom: invoice.periodFrom,
      periodTo: invoice.periodTo,
      subtotalMinor: toSafeNumber(invoice.subtotalMinor),
      taxMinor: toSafeNumber(invoice.taxMinor),
      totalMinor: toSafeNumber(invoice.totalMinor),
      lines: lines.map((line) => ({
        id: line.id,
        sequence: line.sequence,
        kind: line.kind,
        description: line.description,
        role: line.role,
        minutes: line.minutes,
        rateMinor: n(line.rateMinor),
        amountMinor: toSafeNumber(line.amountMinor),
        taxRateBasisPoints: line.taxRateBasisPoints,
        taxMinor: toSafeNumber(line.taxMinor),
        contractId: line.contractId,
        rateCardId: line.rateCardId,
        rateCardVersion: line.rateCardVersion,
        amendmentId: line.amendmentId,
        sources: assignments
          .filter((a) => a.lineId === line.id)
          .map((a) => ({ a, item: itemById.get(a.itemId)! }))
          .sort((x, y) => x.item.workDate.localeCompare(y.item.workDate) || x.item.id.localeCompare(y.item.id))
          .map(({ a, item }) => ({
            itemId: item.id,
            kind: item.kind,
            sourceId: item.sourceId,
            version: item.version,
            change: item.change,
            workDate: item.workDate,
            workerId: item.workerId,
            minutes: item.minutes,
            amountMinor: n(item.amountMinor),
            approvedBy: item.approvedBy,
            approvedAt: item.approvedAt?.toISOString() ?? null,
            sourceEventId: item.sourceEventId,
            exactShare: a.exactShare,
            allocatedMinor: toSafeNumber(a.allocatedMinor),
            allocatedTaxMinor: toSafeNumber(a.allocatedTaxMinor),
            rateMinor: n(a.rateMinor),
            psaRateMinor: n(a.psaRateMinor),
          })),
      })),
    };
  }
}
