import {
  ErpCreditMemoDto,
  ErpCreditMemoInputDto,
  ErpCustomerDto,
  ErpCustomerInputDto,
  ErpEmployeeDto,
  ErpEmployeeInputDto,
  ErpEmployeePatchDto,
  ErpInvoiceDto,
  ErpInvoiceInputDto,
  ErpProjectDto,
  ErpProjectInputDto,
  ErpProjectPatchDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
  normalizeName,
} from '@app/contracts';
import { NotFoundProblem, UnprocessableProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CustomerFilter, ERP_ADAPTER, ErpAdapter } from './adapters/erp-adapter';
import { MissingReferenceProblem } from './common/erp-problems';
import { InvoiceTraces } from './invoices/invoice-traces';

function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new NotFoundProblem(`${what} ${id} does not exist in the ERP`);
  return value;
}

/** The vendor-neutral rules in front of the active ERP adapter (references, currencies, 404s). */
@Injectable()
export class ErpRecordsService {
  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    private readonly traces: InvoiceTraces,
  ) {}

  upsertCustomer(input: ErpCustomerInputDto): Promise<ErpCustomerDto> {
    return this.erp.upsertCustomer(input);
  }

  async getCustomer(id: string): Promise<ErpCustomerDto> {
    return found(await this.erp.getCustomer(id), 'Customer', id);
  }

  /** With `nameKey`: the ERP narrows the read where it can, then the exact key comparison here. */
  async listCustomers(filter: CustomerFilter = {}): Promise<{ items: ErpCustomerDto[] }> {
    let items = await this.erp.listCustomers(filter);
    if (filter.nameKey !== undefined) items = items.filter((c) => normalizeName(c.name ?? '') === filter.nameKey);
    return { items: items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  }

  upsertProject(input: ErpProjectInputDto): Promise<ErpProjectDto> {
    return this.erp.upsertProject(input);
  }

  async getProject(id: string): Promise<ErpProjectDto> {
    return found(await this.erp.getProject(id), 'Project', id);
  }

  async patchProject(id: string, patch: ErpProjectPatchDto): Promise<ErpProjectDto> {
    return found(await this.erp.patchProject(id, patch), 'Project', id);
  }

  upsertEmployee(input: ErpEmployeeInputDto): Promise<ErpEmployeeDto> {
    return this.erp.upsertEmployee(input);
  }

  async getEmployee(id: string): Promise<ErpEmployeeDto> {
    return found(await this.erp.getEmployee(id), 'Employee', id);
  }

  /**
   * Changes only the fields present: the employee as the ERP holds it, the patch laid over it, written
   * back through the adapter's upsert (so a retry converges). `terminationDate: null` clears the
   * termination; a termination date makes the employee inactive unless `active` says otherwise.
   */
  async patchEmployee(id: string, patch: ErpEmployeePatchDto): Promise<ErpEmployeeDto> {
    const current = found(await this.erp.getEmployee(id), 'Employee', id);
    const terminationDate =
      patch.terminationDate === null ? undefined : (patch.terminationDate ?? current.terminationDate);
    const active =
      patch.active ?? (patch.terminationDate === null ? true : patch.terminationDate ? false : current.active);
    const merged: ErpEmployeeInputDto = {
      id,
      givenName: patch.givenName ?? current.givenName,
      familyName: patch.familyName ?? current.familyName,
      legalEntityId: patch.legalEntityId ?? current.legalEntityId,
      ...((patch.email ?? current.email) ? { email: patch.email ?? current.email } : {}),
      ...((patch.jobTitle ?? current.jobTitle) ? { jobTitle: patch.jobTitle ?? current.jobTitle } : {}),
      ...((patch.costRate ?? current.costRate) ? { costRate: patch.costRate ?? current.costRate } : {}),
      ...(current.hireDate ? { hireDate: current.hireDate } : {}),
      ...(terminationDate ? { terminationDate } : {}),
      active,
    };
    if (merged.hireDate && merged.terminationDate && merged.terminationDate < merged.hireDate) {
      const message = `terminationDate ${merged.terminationDate} is before the hire date ${merged.hireDate}`;
      throw new UnprocessableProblem(message, { errors: [{ field: 'terminationDate', message }] });
    }
    return this.erp.upsertEmployee(merged);
  }

  createTimeBill(input: ErpTimeBillInputDto): Promise<ErpTimeBillDto> {
    return this.erp.createTimeBill(input);
  }

  async getTimeBill(id: string): Promise<ErpTimeBillDto> {
    return found(await this.erp.getTimeBill(id), 'Time bill', id);
  }

  /** The customer must be in the ERP, every amount in its currency, the canonical trace complete. */
  async createInvoice(input: ErpInvoiceInputDto): Promise<ErpInvoiceDto> {
    this.traces.validate(input);
    const customer = await this.erp.getCustomer(input.customerId);
    if (!customer) throw new MissingReferenceProblem('customer', input.customerId, 'customerId');
    input.lines.forEach((line, i) => {
      for (const key of ['unitPrice', 'amount'] as const) {
        if (line[key].currency !== customer.currency) {
          throw new UnprocessableProblem(
            `lines[${i}].${key} is in ${line[key].currency}; the customer is invoiced in ${customer.currency}`,
            {
              errors: [{ field: `lines[${i}].${key}.currency`, message: `must be ${customer.currency}` }],
            },
          );
        }
      }
    });
    const created = await this.erp.createInvoice(input);
    await this.traces.save(input);
    return this.traces.merge(created);
  }

  async getInvoice(id: string): Promise<ErpInvoiceDto> {
    return this.traces.merge(found(await this.erp.getInvoice(id), 'Invoice', id));
  }

  async postInvoice(id: string): Promise<ErpInvoiceDto> {
    return this.traces.merge(found(await this.erp.postInvoice(id), 'Invoice', id));
  }

  /** The invoice must be in the ERP, every amount in its currency. */
  async createCreditMemo(input: ErpCreditMemoInputDto): Promise<ErpCreditMemoDto> {
    const invoice = await this.erp.getInvoice(input.invoiceId);
    if (!invoice) throw new MissingReferenceProblem('invoice', input.invoiceId, 'invoiceId');
    input.lines.forEach((line, i) => {
      for (const key of ['unitPrice', 'amount'] as const) {
        if (line[key].currency !== invoice.currency) {
          throw new UnprocessableProblem(
            `lines[${i}].${key} is in ${line[key].currency}; the invoice is in ${invoice.currency}`,
            {
              errors: [{ field: `lines[${i}].${key}.currency`, message: `must be ${invoice.currency}` }],
            },
          );
        }
      }
    });
    return this.erp.createCreditMemo(input, invoice);
  }

  async getCreditMemo(id: string): Promise<ErpCreditMemoDto> {
    return found(await this.erp.getCreditMemo(id), 'Credit memo', id);
  }
}
