import { DemoFirm } from '../../common/demo-firm';

/**
 * The demo firm (src/common/demo-firm) as a NetSuite account holds it: three subsidiaries (US-01 USD,
 * DE-01 EUR, UK-01 GBP), service items 1..5 per role, a customer per account with projects, a job
 * (project) per Closed Won deal under its customer, an employee per staffed worker, the approved time
 * of the first project's first week as time bills and one invoice for it. External ids are the
 * canonical ids (`ACC-0001`, `PRJ-0001`, `W00001`). Every record is created in January 2025 so a
 * change feed started "now" sees none of it.
 */
export const SEED_CREATED_DATE = new Date('2025-01-06T09:00:00Z');

export const SEED_CURRENCIES = [
  { name: 'US Dollar', symbol: 'USD' },
  { name: 'Euro', symbol: 'EUR' },
  { name: 'British pound', symbol: 'GBP' },
];

/** Minutes as NetSuite's `H:MM` duration. */
const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

export function netsuiteSeed(firm: DemoFirm) {
  const subsidiaryOf = (legalEntity: string) => ({
    id: firm.legalEntities.find((e) => e.id === legalEntity)!.netsuiteSubsidiaryId,
  });
  const itemOf = (role: string) => firm.roles.find((r) => r.key === role)!.itemNumber;
  const staffed = new Set(firm.participations.map((p) => p.workerId));
  const [first] = firm.projects;
  const firstWeek = firm.timeEntries.filter(
    (t) => t.projectId === first.id && t.approved && t.date >= '2025-06-02' && t.date <= '2025-06-06',
  );
  const byRole = new Map<string, { minutes: number; rateMinor: number }>();
  for (const t of firstWeek.filter((t) => t.billable)) {
    const line = byRole.get(t.role) ?? { minutes: 0, rateMinor: t.rateMinor };
    line.minutes += t.minutes;
    byRole.set(t.role, line);
  }
  return {
    subsidiaries: firm.legalEntities.map((e) => ({
      name: e.erpName,
      country: e.country,
      currency: { id: e.netsuiteCurrencyId },
      externalId: e.id,
    })),
    serviceItems: firm.roles.map((r) => ({
      externalId: r.itemNumber,
      itemId: r.itemNumber,
      displayName: r.itemName,
      rate: r.itemListPrice,
    })),
    customers: firm.customers
      .filter((c) => c.hasProjects)
      .map((c) => ({ externalId: c.id, companyName: c.name, subsidiary: subsidiaryOf(c.legalEntity), email: c.email })),
    employees: firm.workers
      .filter((w) => staffed.has(w.employeeId))
      .map((w) => ({
        externalId: w.employeeId,
        firstName: w.givenName,
        lastName: w.familyName,
        email: w.workEmail,
        title: w.businessTitle,
        subsidiary: subsidiaryOf(w.legalEntity),
      })),
    projects: firm.projects.map((p) => ({
      externalId: p.id,
      companyName: p.name,
      parent: { externalId: p.customerId },
      startDate: p.startDate,
    })),
    timeBills: firstWeek.map((t) => ({
      employee: { externalId: t.workerId },
      customer: { externalId: t.projectId },
      tranDate: t.date,
      hours: hours(t.minutes),
      item: { externalId: itemOf(t.role) },
    })),
    invoice: {
      externalId: 'INV-SEED-0001',
      entity: { externalId: first.customerId },
      job: { externalId: first.id },
      tranDate: '2025-06-06',
      dueDate: '2025-07-06',
      item: {
        items: [...byRole.entries()].map(([role, line]) => ({
          item: { externalId: itemOf(role) },
          description: `${firm.roles.find((r) => r.key === role)!.name}, 2-6 June 2025`,
          quantity: line.minutes / 60,
          rate: line.rateMinor / 100,
        })),
      },
    },
  };
}
