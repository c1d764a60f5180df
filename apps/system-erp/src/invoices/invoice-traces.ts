import {
  ERP_LINE_TRACE_FIELDS,
  ErpInvoiceDto,
  ErpInvoiceInputDto,
  InvoiceDto,
  InvoiceLineDto,
  validateContract,
} from '@app/contracts';
import { ValidationProblem } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvoiceLineTrace, InvoiceTraceEntity } from './entities/invoice-trace.entity';

function traceOf(line: object): InvoiceLineTrace {
  const out: Record<string, unknown> = {};
  for (const key of ERP_LINE_TRACE_FIELDS) {
    const value = (line as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as InvoiceLineTrace;
}

/** The canonical line of an ERP invoice line and its trace (validated as the canonical InvoiceLine). */
function canonicalLine(
  invoiceId: string,
  contractId: string,
  line: { description: string; role: string; quantityMinutes: number; unitPrice: object; amount: object },
  trace: InvoiceLineTrace,
  index: number,
): Record<string, unknown> {
  const { lineId, ...rest } = trace;
  return {
    id: lineId ?? `${invoiceId}-${index + 1}`,
    ...rest,
    description: line.description,
    contractId,
    role: line.role,
    quantityMinutes: line.quantityMinutes,
    unitPrice: line.unitPrice,
    amount: line.amount,
  };
}

function mergeTrace(invoice: ErpInvoiceDto, trace: InvoiceTraceEntity | null): ErpInvoiceDto {
  if (!trace) return invoice;
  return {
    ...invoice,
    contractId: trace.contractId,
    lines: invoice.lines.map((line, i) => ({ ...line, ...(trace.lines[i] as object) })),
  } as ErpInvoiceDto;
}

/**
 * Keeps the canonical trace of invoices (what no ERP has a field for) and puts it back on reads;
 * builds the canonical Invoice of a posted ERP invoice for `invoice.posted`.
 */
@Injectable()
export class InvoiceTraces {
  constructor(@InjectRepository(InvoiceTraceEntity) private readonly traces: Repository<InvoiceTraceEntity>) {}

  /** 400 naming the field when the trace is incomplete (a `time` line without its time entries...). */
  validate(input: ErpInvoiceInputDto): void {
    const traced = input.lines.some((l) => ERP_LINE_TRACE_FIELDS.some((k) => l[k] !== undefined));
    if (!input.contractId) {
      if (traced)
        throw new ValidationProblem([
          { field: 'contractId', message: 'contractId is required when lines carry a trace' },
        ]);
      return;
    }
    const errors: Array<{ field: string; message: string }> = [];
    input.lines.forEach((line, i) => {
      const trace = traceOf(line);
      if (!trace.kind) {
        errors.push({ field: `lines[${i}].kind`, message: 'kind is required when the invoice names its contract' });
        return;
      }
      const { problems } = validateContract(InvoiceLineDto, canonicalLine(input.id, input.contractId!, line, trace, i));
      for (const problem of problems) {
        const at = problem.indexOf(': ');
        const path = at > 0 ? problem.slice(0, at) : '';
        errors.push({
          field: `lines[${i}]${path ? `.${path}` : ''}`,
          message: at > 0 ? problem.slice(at + 2) : problem,
        });
      }
    });
    if (errors.length) throw new ValidationProblem(errors);
  }

  /** Records the trace of a created invoice (first write wins: a retried create keeps the original). */
  async save(input: ErpInvoiceInputDto): Promise<void> {
    if (!input.contractId) return;
    await this.traces
      .createQueryBuilder()
      .insert()
      .into(InvoiceTraceEntity)
      .values({ invoiceId: input.id, contractId: input.contractId, lines: input.lines.map(traceOf) })
      .orIgnore()
      .execute();
  }

  /** The ERP invoice with its trace (contract and line trace) when it has one. */
  async merge(invoice: ErpInvoiceDto): Promise<ErpInvoiceDto> {
    return mergeTrace(invoice, await this.traces.findOne({ where: { invoiceId: invoice.id } }));
  }

  /**
   * The canonical Invoice of an ERP invoice (posted or paid: status `finalized`/`paid`), or
   * undefined when it was created without its contract (nothing to trace it to: no guess).
   */
  async canonical(erpInvoice: ErpInvoiceDto, postedAt: string): Promise<InvoiceDto | undefined> {
    const trace = await this.traces.findOne({ where: { invoiceId: erpInvoice.id } });
    // No contract: nothing to trace it to. Another number of lines: changed in the ERP since.
    if (!trace || trace.lines.length !== erpInvoice.lines.length) return undefined;
    const invoice = mergeTrace(erpInvoice, trace);
    const contractId = trace.contractId;
    return {
      id: invoice.id,
      crossReferences: invoice.crossReferences,
      number: invoice.number,
      customerId: invoice.customerId,
      legalEntityId: invoice.legalEntityId,
      contractId,
      ...(invoice.projectId ? { projectId: invoice.projectId } : {}),
      status: invoice.status === 'paid' ? 'paid' : invoice.status === 'void' ? 'void' : 'finalized',
      currency: invoice.currency,
      issueDate: invoice.issueDate,
      ...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
      lines: invoice.lines.map(
        (line, i) => canonicalLine(invoice.id, contractId, line, traceOf(line), i) as unknown as InvoiceLineDto,
      ),
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      amountDue: invoice.amountDue,
      finalizedAt: postedAt,
    };
  }
}
