import { createHash } from 'node:crypto';
import { DemoFirm } from '../../common/demo-firm';

/**
 * The demo firm (src/common/demo-firm) as a Business Central environment holds it: one company per
 * legal entity (fixed ids, so mapping tables can name them), service items per role in each, and in
 * its legal entity's company a customer per account with projects, a project (job) per Closed Won
 * deal and an employee per staffed worker. Every record is dated January 2025.
 */
export const BC_SEED_DATE = new Date('2025-01-06T09:00:00Z');

/**
 * The `number` a client derives from a canonical id to find its record again (BC has no external
 * id): `C`/`J`/`E` + the first 18 hex digits of SHA-256 of the id, upper case, the convention of
 * system-erp's Business Central adapter (`bcNumberFor`). Seeded records carry it, so a create of a
 * demo-firm customer, project or employee through system-erp finds the seeded one.
 */
export function bcNumberOf(prefix: 'C' | 'J' | 'E', canonicalId: string): string {
  return `${prefix}${createHash('sha256').update(canonicalId).digest('hex').slice(0, 18).toUpperCase()}`;
}

export interface BcSeedCompany {
  id: string;
  name: string;
  displayName: string;
  currency: string;
  legalEntity: string;
  items: Array<{ number: string; displayName: string; unitPrice: number }>;
  customers: Array<{ number: string; displayName: string; email: string; currencyCode: string }>;
  employees: Array<{
    number: string;
    givenName: string;
    surname: string;
    jobTitle: string;
    email: string;
    employmentDate: string;
  }>;
  projects: Array<{ number: string; displayName: string }>;
}

export function bcSeed(firm: DemoFirm): BcSeedCompany[] {
  const staffed = new Set(firm.participations.map((p) => p.workerId));
  return firm.legalEntities.map((le) => ({
    id: le.businessCentralCompanyId,
    name: le.businessCentralCompanyName,
    displayName: le.erpName,
    currency: le.currency,
    legalEntity: le.id,
    items: firm.roles.map((r) => ({ number: r.itemNumber, displayName: r.itemName, unitPrice: r.itemListPrice })),
    customers: firm.customers
      .filter((c) => c.hasProjects && c.legalEntity === le.id)
      // The company's own currency is BC's blank currency code.
      .map((c) => ({ number: bcNumberOf('C', c.id), displayName: c.name, email: c.email, currencyCode: '' })),
    employees: firm.workers
      .filter((w) => staffed.has(w.employeeId) && w.legalEntity === le.id)
      .map((w) => ({
        number: bcNumberOf('E', w.employeeId),
        givenName: w.givenName,
        surname: w.familyName,
        jobTitle: w.businessTitle,
        email: w.workEmail,
        employmentDate: w.hireDate,
      })),
    projects: firm.projects
      .filter((p) => p.legalEntity === le.id)
      .map((p) => ({ number: bcNumberOf('J', p.id), displayName: p.name })),
  }));
}
