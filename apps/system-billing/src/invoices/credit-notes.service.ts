import { CreditNoteDto, CreditNoteInputDto, InvoiceDto, money } from '@app/contracts';
import { ConflictProblem, NotFoundProblem, UnprocessableProblem, ValidationProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BILLING_ADAPTER, BillingAdapter, BillingCreditNote } from '../adapters/billing-adapter';
import { BillingRecordEntity } from '../cross-references/billing-record.entity';
import { BillingRecordsService } from '../cross-references/billing-records.service';

/** Caller idempotency keys: what Stripe accepts (at most 255 characters). */
const CALLER_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Credit notes against invoices created through system-billing. Each create is safe to repeat: its
 * identity is the canonical `id` or, without one, the caller's Idempotency-Key (the credit note's
 * id is then derived from the key); the vendor key is derived from that identity.
 */
@Injectable()
export class CreditNotesService {
  constructor(
    @Inject(BILLING_ADAPTER) private readonly billing: BillingAdapter,
    private readonly records: BillingRecordsService,
  ) {}

  async create(
    invoiceId: string,
    input: CreditNoteInputDto,
    callerKey: string | undefined,
  ): Promise<{ note: CreditNoteDto; created: boolean }> {
    const errors: Array<{ field: string; message: string }> = [];
    if (callerKey !== undefined && !CALLER_KEY.test(callerKey))
      errors.push({ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 visible ASCII characters' });
    if (!input.id && !callerKey)
      errors.push({
        field: 'id',
        message: 'id (or an Idempotency-Key header) is required: the create must be safe to repeat',
      });
    if ((input.amount === undefined) === (input.lines === undefined))
      errors.push({ field: 'amount', message: 'give either amount or lines' });
    input.lines?.forEach((line, i) => {
      if (!line.invoiceLineId && !line.description)
        errors.push({
          field: `lines[${i}].description`,
          message: 'a custom line (no invoiceLineId) needs a description',
        });
      if (!line.invoiceLineId && !line.amount)
        errors.push({ field: `lines[${i}].amount`, message: 'a custom line (no invoiceLineId) needs an amount' });
    });
    if (errors.length) throw new ValidationProblem(errors);

    const record = await this.record(invoiceId);
    const invoice = record.payload as unknown as InvoiceDto;
    const amounts: Array<[string, { currency: string } | undefined]> = [
      ['amount', input.amount],
      ...(input.lines ?? []).map((l, i): [string, { currency: string } | undefined] => [
        `lines[${i}].amount`,
        l.amount,
      ]),
    ];
    for (const [field, amount] of amounts) {
      if (amount && amount.currency !== invoice.currency)
        throw new UnprocessableProblem(`${field} is in ${amount.currency}; the invoice is in ${invoice.currency}`, {
          errors: [{ field: `${field}.currency`, message: `must be ${invoice.currency}` }],
        });
    }
    if (invoice.lines && input.lines) {
      input.lines.forEach((line, i) => {
        if (line.invoiceLineId && !invoice.lines.some((l) => l.id === line.invoiceLineId))
          throw new UnprocessableProblem(`invoice ${invoiceId} has no line ${line.invoiceLineId}`, {
            errors: [{ field: `lines[${i}].invoiceLineId`, message: 'not a line of this invoice' }],
          });
      });
    }
    const id = input.id ?? `cn-${createHash('sha256').update(callerKey!).digest('hex').slice(0, 32)}`;
    const identity = input.id ? `id:${input.id}` : `key:${callerKey!}`;
    const { note, created } = await this.billing.createCreditNote({
      id,
      idempotencyKey: `credit_note:${invoiceId}:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}`,
      invoice,
      invoiceVendorId: record.vendorId as string,
      amountMinor: input.amount?.amountMinor,
      lines: input.lines?.map((l) => ({
        invoiceLineId: l.invoiceLineId,
        description: l.description,
        amountMinor: l.amount?.amountMinor,
      })),
      reason: input.reason,
      memo: input.memo,
      settlement: input.settlement ?? 'customer-balance',
    });
    return { note: this.canonical(invoiceId, note, id), created };
  }

  async list(invoiceId: string): Promise<{ items: CreditNoteDto[] }> {
    const record = await this.record(invoiceId);
    const notes = await this.billing.listCreditNotes(record.vendorId as string);
    return { items: notes.map((n) => this.canonical(invoiceId, n)) };
  }

  private canonical(invoiceId: string, n: BillingCreditNote, id?: string): CreditNoteDto {
    const dto: CreditNoteDto = {
      id: n.canonicalId ?? id ?? `${this.billing.system}-${n.vendorId}`,
      crossReferences: { [this.billing.system]: n.vendorId },
      invoiceId,
      number: n.number,
      status: n.status,
      amount: money(n.amount.amountMinor, n.amount.currency),
      prePaymentAmount: n.prePaymentAmount,
      postPaymentAmount: n.postPaymentAmount,
      lines: n.lines,
      createdAt: n.createdAt,
    };
    if (n.reason) dto.reason = n.reason;
    if (n.memo) dto.memo = n.memo;
    if (n.settlement) dto.settlement = n.settlement;
    return dto;
  }

  private async record(id: string): Promise<BillingRecordEntity> {
    const r = await this.records.find('invoice', id);
    if (!r) throw new NotFoundProblem(`no billing invoice ${id}`);
    if (!r.vendorId) throw new ConflictProblem(`invoice ${id} is still being created: repeat the create`);
    return r;
  }
}
