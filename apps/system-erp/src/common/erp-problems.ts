import { ProblemError, UnprocessableProblem } from '@app/platform';
import type { ErpVendor } from '../erp.config';

/** The firm's mapping tables, as named in `unmapped-value` problems. */
export type MappingTable = 'legal-entity-mappings' | 'item-mappings' | 'tax-rates';

/**
 * A value the firm's mapping tables do not map (422 `unmapped-value`: a business error, never a
 * guess), naming the table, the value and the canonical field that carried it.
 */
export class UnmappedValueProblem extends ProblemError {
  constructor(table: MappingTable, value: string, field: string, vendor?: ErpVendor) {
    super({
      status: 422,
      type: 'unmapped-value',
      title: 'Unmapped value',
      detail: `'${value}' is not in the ${table} table of this firm${vendor ? ` for ${vendor}` : ''}`,
      extra: {
        table,
        value,
        field,
        ...(vendor ? { vendor } : {}),
        errors: [{ field, message: `'${value}' is not mapped in ${table}` }],
      },
    });
  }
}

/** A referenced canonical object (customer, project, employee) that is not in the ERP yet. */
export class MissingReferenceProblem extends ProblemError {
  constructor(resource: string, id: string, field: string) {
    super({
      status: 422,
      type: 'erp-missing-reference',
      title: 'Referenced object not in the ERP',
      detail: `${resource} ${id} does not exist in the ERP`,
      extra: { field, errors: [{ field, message: `${resource} ${id} does not exist in the ERP` }] },
    });
  }
}

/**
 * The ERP refused a request: 422 when it is the caller's data (with the canonical field when known),
 * 502 otherwise. Keeps the vendor and its error code.
 */
export class ErpVendorProblem extends ProblemError {
  constructor(
    readonly vendor: ErpVendor,
    readonly vendorCode: string,
    detail: string,
    options: { status?: number; field?: string; upstreamStatus?: number } = {},
  ) {
    const status = options.status ?? 422;
    super({
      status,
      type: status === 422 ? 'erp-rejected' : 'bad-gateway',
      title: status === 422 ? 'Rejected by the ERP' : 'Bad Gateway',
      detail,
      extra: {
        vendor,
        vendorCode,
        dependency: vendor,
        ...(options.upstreamStatus ? { upstreamStatus: options.upstreamStatus } : {}),
        ...(options.field ? { field: options.field, errors: [{ field: options.field, message: detail }] } : {}),
      },
    });
  }
}

/** A project budget in another currency than the project's (422, naming `budget.currency`). */
export function budgetCurrencyProblem(projectCurrency: string): UnprocessableProblem {
  return new UnprocessableProblem(`the budget must be in the project currency ${projectCurrency}`, {
    errors: [{ field: 'budget.currency', message: `must be ${projectCurrency}` }],
  });
}

/**
 * An employee's cost rate must be in the legal entity's functional currency (the ERPs keep labour
 * cost in the company's currency, and converting payroll cost is not this API's call): 422 naming
 * `costRate.currency` otherwise.
 */
export function requireFunctionalCurrency(
  input: { costRate?: { currency: string }; legalEntityId: string },
  functionalCurrency: string,
): void {
  if (!input.costRate || input.costRate.currency === functionalCurrency) return;
  const message = `costRate is in ${input.costRate.currency}; legal entity ${input.legalEntityId} keeps labour cost in ${functionalCurrency}`;
  throw new ProblemError({
    status: 422,
    type: 'unprocessable',
    title: 'Unprocessable Content',
    detail: message,
    extra: { errors: [{ field: 'costRate.currency', message }] },
  });
}
