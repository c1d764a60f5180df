import { NotFoundProblem, UnprocessableProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Created } from '../adapters/psa-adapter';
import { PSA_INVOICE_ADAPTER, PsaInvoice, PsaInvoiceAdapter } from '../adapters/psa-invoice-adapter';
import { CreatePsaInvoiceDto, PsaInvoicePaymentStateDto } from './dto/psa-invoice.dto';

/** Invoices in the PSA: approved work marked invoiced and the invoice's payment state. */
@Injectable()
export class PsaInvoicesService {
  constructor(@Inject(PSA_INVOICE_ADAPTER) private readonly psa: PsaInvoiceAdapter) {}

  create(body: CreatePsaInvoiceDto): Promise<Created<PsaInvoice>> {
    return this.psa.createInvoice({
      id: body.id,
      projectId: body.projectId,
      number: body.number,
      invoiceDate: body.invoiceDate,
      dueDate: body.dueDate,
      timeEntryIds: body.timeEntryIds ?? [],
      expenseIds: body.expenseIds ?? [],
      milestoneIds: body.milestoneIds ?? [],
    });
  }

  async get(id: string): Promise<PsaInvoice> {
    const found = await this.psa.getInvoice(id);
    if (!found) throw new NotFoundProblem(`invoice ${id} does not exist in ${this.psa.system}`);
    return found;
  }

  async setPaymentState(id: string, body: PsaInvoicePaymentStateDto): Promise<PsaInvoice> {
    const remaining = body.amountRemaining.amountMinor;
    const problem = (message: string) =>
      new UnprocessableProblem(message, { errors: [{ field: 'amountRemaining', message }] });
    if ((body.status === 'paid' || body.status === 'voided') && remaining !== 0)
      throw problem(`amountRemaining must be 0 for a ${body.status} invoice`);
    if (body.status === 'partially_paid' && remaining === 0)
      throw problem('amountRemaining must be above 0 for a partially paid invoice');
    const current = await this.get(id);
    if (body.amountRemaining.currency !== current.total.currency)
      throw new UnprocessableProblem(`amountRemaining must be in the invoice currency ${current.total.currency}`, {
        errors: [{ field: 'amountRemaining.currency', message: `must be ${current.total.currency}` }],
      });
    const updated = await this.psa.updatePaymentState(id, {
      status: body.status,
      amountRemainingMinor: remaining,
      paidDate: body.paidDate,
    });
    if (!updated) throw new NotFoundProblem(`invoice ${id} does not exist in ${this.psa.system}`);
    return updated;
  }
}
