import { ProblemError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import type { ErpInvoiceFinder } from '../../invoices/invoice-finder';

/** Not built yet for Business Central: the listing answers 501 (a single invoice reads by id). */
@Injectable()
export class BusinessCentralInvoiceFinder implements ErpInvoiceFinder {
  find(): Promise<string[]> {
    return Promise.reject(
      new ProblemError(
        501,
        'not-implemented',
        'Not Implemented',
        'listing invoices is not available with ERP_VENDOR=business-central yet; read one invoice by id',
        { vendor: 'business-central' },
      ),
    );
  }
}
