import { ConflictProblem, ProblemError, UnprocessableProblem } from '@app/platform';
import { SalesforceErrorItem } from './salesforce.types';

/** Vendor name in problems. */
export const SALESFORCE_VENDOR = 'salesforce';

/** The Salesforce field an error is about: its `fields`, else the column named in the message. */
function vendorFieldsOf(item: SalesforceErrorItem): string[] {
  if (item.fields && item.fields.length > 0) return item.fields;
  const column = /No such column '([\w.]+)'/.exec(item.message) ?? /field[: ]+'?([A-Za-z]\w*__c)'?/.exec(item.message);
  return column ? [column[1]] : [];
}

/**
 * Salesforce refused a write (`400` with its error array, or `300` for an external id held by several
 * records): a problem that keeps the vendor, its error code and the canonical field.
 *
 * - 300 -> 409 (`vendorCode: MULTIPLE_CHOICES`): the external id is not unique in the org.
 * - any other 4xx -> 422 (`vendor`, `vendorCode` = the first error's `errorCode`, `field` = the first
 *   canonical field, `errors[]` = each error with `field`, `vendorField`, `vendorCode`, `message`).
 *
 * `fields` maps Salesforce field names to canonical ones (case-insensitive); an unmapped field is
 * reported under `what` (the resource), never dropped.
 */
export function salesforceWriteProblem(
  status: number,
  body: unknown,
  fields: Readonly<Record<string, string>>,
  what: string,
): ProblemError {
  const items = Array.isArray(body) ? (body as SalesforceErrorItem[]).filter((e) => e && typeof e === 'object') : [];
  if (status === 300) {
    return new ConflictProblem(`salesforce holds several ${what} records with this external id`, {
      vendor: SALESFORCE_VENDOR,
      vendorCode: 'MULTIPLE_CHOICES',
      field: 'id',
    });
  }
  const lower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  const errors = items.flatMap((item) => {
    const vendorFields = vendorFieldsOf(item);
    const base = { vendorCode: item.errorCode, message: item.message };
    if (vendorFields.length === 0) return [{ field: what, ...base }];
    return vendorFields.map((vf) => ({ field: lower.get(vf.toLowerCase()) ?? what, vendorField: vf, ...base }));
  });
  const first = items[0];
  return new UnprocessableProblem(
    `salesforce rejected the ${what}: ${items.map((e) => `${e.errorCode}: ${e.message}`).join('; ') || `HTTP ${status}`}`,
    {
      vendor: SALESFORCE_VENDOR,
      vendorCode: first?.errorCode ?? `HTTP_${status}`,
      field: errors[0]?.field ?? what,
      errors: errors.length > 0 ? errors : [{ field: what, message: `HTTP ${status}` }],
      upstreamStatus: status,
    },
  );
}
