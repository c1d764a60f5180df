import { NotFoundProblem, UnprocessableProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { UpsertOutcome } from '../adapters/crm-adapter';
import { CRM_INVOICE_ADAPTER, CrmInvoice, CrmInvoiceAdapter } from '../adapters/crm-invoice-adapter';
import { CrmInvoiceWriteDto } from './dto/crm-invoice.dto';

/** Invoice records on the CRM (one per canonical invoice). */
@Injectable()
export class CrmInvoicesService {
  constructor(@Inject(CRM_INVOICE_ADAPTER) private readonly crm: CrmInvoiceAdapter) {}

  async get(id: string): Promise<CrmInvoice> {
    const found = await this.crm.getInvoice(id);
    if (!found) throw new NotFoundProblem(`invoice ${id} has no record in ${this.crm.system}`);
    return found;
  }

  /** Creates or updates the record; amounts must add up (paid + remaining = total, unless voided). */
  upsert(id: string, body: CrmInvoiceWriteDto): Promise<UpsertOutcome<CrmInvoice>> {
    const fail = (field: string, message: string) =>
      new UnprocessableProblem(message, { field, errors: [{ field, message }] });
    const { total, amountPaid, amountRemaining } = body;
    if (body.status !== 'voided' && amountPaid.amountMinor + amountRemaining.amountMinor !== total.amountMinor)
      throw fail('amountRemaining', 'amountPaid + amountRemaining must equal total');
    if ((body.status === 'paid' || body.status === 'voided') && amountRemaining.amountMinor !== 0)
      throw fail('amountRemaining', `amountRemaining must be 0 for a ${body.status} invoice`);
    if (body.status === 'partially_paid' && (amountPaid.amountMinor === 0 || amountRemaining.amountMinor === 0))
      throw fail('amountPaid', 'a partially paid invoice has both an amount paid and an amount remaining');
    return this.crm.upsertInvoice(id, body);
  }
}
