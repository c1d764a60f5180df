import { Inject, Injectable } from '@nestjs/common';
import type { ProjectDto } from '@app/contracts';
import { UpstreamUnavailableProblem } from '@app/platform';
import { EntityManager, In, IsNull } from 'typeorm';
import { SystemApiTechnicalError } from '../../common/system-apis';
import { BillingHoldEntity } from '../../resource-sync/entities';
import type { HoldReason } from '../billing.constants';
import {
  BILLING_DIRECTORY,
  BILLING_RATES,
  type BillingDirectory,
  type BillingRates,
  type ContractRate,
  type TaxRate,
  taxRateOn,
} from '../billing-ports';
import { BillableItemEntity, BillingLineItemEntity } from '../entities';
import type { PricedItem } from './invoice-composer';

export interface RunScope {
  periodFrom: string;
  periodTo: string;
  legalEntity: string;
  customers: string[] | null;
  projects: string[] | null;
}

export interface HeldItem {
  item: BillableItemEntity;
  reason: HoldReason;
  detail: string;
  legalEntity: string;
  amountMinor: bigint | null;
  currency: string | null;
}

export interface Enrichment {
  priced: PricedItem[];
  held: HeldItem[];
  /** Items this run leaves alone for good: time the fee covers, time approved as not billable. */
  settled: Array<{ item: BillableItemEntity; status: 'covered' | 'not-billable' }>;
  /** Projects in scope (for the preview). */
  projects: Map<string, ProjectDto>;
}

/**
 * Enrichment and eligibility for one run: project (PSA) -> customer, contract, billing model, currency,
 * legal entity; the rate from ContractPricing (our rate card, never the PSA's); the tax rate from the ERP
 * tax table by legal entity and customer country in force on the work date (the table read once per
 * legal entity and country per run, not per item). What cannot be billed is held with its reason.
 */
@Injectable()
export class BillingEnricher {
  constructor(
    @Inject(BILLING_DIRECTORY) private readonly directory: BillingDirectory,
    @Inject(BILLING_RATES) private readonly rates: BillingRates,
  ) {}

  async enrich(manager: EntityManager, scope: RunScope, items: readonly BillableItemEntity[]): Promise<Enrichment> {
    const projects = new Map<string, ProjectDto | undefined>();
    const countries = new Map<string, string | undefined>();
    const taxTables = new Map<string, TaxRate[]>();
    const rates = new Map<string, Promise<ContractRate | null>>();
    const staffing = new Map<string, Array<{ workerId: string; role: string; startDate?: string; endDate?: string }>>();
    /** The entry's role, else the role of the worker's assignment on the project in force on the work date. */
    const roleOf = async (item: BillableItemEntity): Promise<string | null> => {
      if (item.role) return item.role;
      if (!staffing.has(item.projectId)) {
        staffing.set(
          item.projectId,
          await upstream(`assignments of ${item.projectId}`, () => this.directory.assignments(item.projectId)),
        );
      }
      const mine = staffing
        .get(item.projectId)!
        .filter((a) => a.workerId === item.workerId)
        .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
      const current = mine.find(
        (a) => (!a.startDate || a.startDate <= item.workDate) && (!a.endDate || item.workDate <= a.endDate),
      );
      return (current ?? mine[0])?.role ?? null;
    };

    const upstream = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (err) {
        if (err instanceof SystemApiTechnicalError)
          throw new UpstreamUnavailableProblem(err.api, `${what}: ${err.message}`);
        throw err;
      }
    };
    for (const projectId of new Set(items.map((i) => i.projectId))) {
      projects.set(projectId, await upstream(`project ${projectId}`, () => this.directory.getProject(projectId)));
    }

    const timeIds = items.filter((i) => i.kind === 'time').map((i) => i.sourceId);
    const inactive = new Map<string, string>();
    if (timeIds.length > 0) {
      const holds = await manager
        .getRepository(BillingHoldEntity)
        .find({ where: { timeEntryId: In([...new Set(timeIds)]), releasedAt: IsNull() } });
      for (const h of holds) inactive.set(h.timeEntryId, h.reason);
    }
    // A reversal is priced as the version it reverses was billed.
    const reversed = items.filter((i) => i.change === 'reversal' && i.reversesItemId).map((i) => i.reversesItemId!);
    const billedRates = new Map<string, BillingLineItemEntity>();
    if (reversed.length > 0) {
      for (const a of await manager.getRepository(BillingLineItemEntity).find({ where: { itemId: In(reversed) } })) {
        billedRates.set(a.itemId, a);
      }
    }
    // Fixed amounts already billed per project (the cap: a project's budget).
    const feeProjects = [
      ...new Set(items.filter((i) => i.kind !== 'time' && i.kind !== 'expense').map((i) => i.projectId)),
    ];
    const billedFees = new Map<string, bigint>();
    if (feeProjects.length > 0) {
      const rows: Array<{ project_id: string; total: string }> = await manager.query(
        `select b.project_id, coalesce(sum(a.allocated_minor), 0)::text as total
           from process.billing_line_items a join process.billable_items b on b.id = a.item_id
          where b.project_id = any($1) and b.kind in ('milestone', 'fixed-fee', 'retainer')
          group by b.project_id`,
        [feeProjects],
      );
      for (const r of rows) billedFees.set(r.project_id, BigInt(r.total));
    }

    const result: Enrichment = { priced: [], held: [], settled: [], projects: new Map() };
    const ordered = [...items].sort((a, b) => a.workDate.localeCompare(b.workDate) || a.id.localeCompare(b.id));
    for (const item of ordered) {
      const project = projects.get(item.projectId);
      const hold = (reason: HoldReason, detail: string, legalEntity = scope.legalEntity) =>
        result.held.push({
          item,
          reason,
          detail,
          legalEntity,
          amountMinor: item.amountMinor,
          currency: item.currency ?? project?.currency ?? null,
        });
      if (!project) {
        // Unknown project: no legal entity to judge by; the run of any entity reports it (scoped runs skip it).
        if (!scope.projects || scope.projects.includes(item.projectId)) {
          hold('unknown-project', `Project ${item.projectId} is unknown to the PSA`);
        }
        continue;
      }
      if (project.legalEntityId !== scope.legalEntity) continue;
      if (scope.projects && !scope.projects.includes(project.id)) continue;
      if (scope.customers && !scope.customers.includes(project.customerId)) continue;
      result.projects.set(project.id, project);

      if (!item.billable) {
        result.settled.push({ item, status: 'not-billable' });
        continue;
      }
      if (item.kind === 'time' && project.billingModel !== 'time-and-materials' && item.change !== 'reversal') {
        result.settled.push({ item, status: 'covered' });
        continue;
      }
      if (project.status === 'on-hold') {
        hold('project-on-billing-hold', `Project ${project.id} is on hold`);
        continue;
      }
      if (item.kind === 'time' && inactive.has(item.sourceId)) {
        hold('inactive-worker', `Worker ${item.workerId} is ${inactive.get(item.sourceId)} (billing hold)`);
        continue;
      }
      if (!countries.has(project.customerId)) {
        countries.set(
          project.customerId,
          await upstream(`customer ${project.customerId}`, () => this.directory.customerCountry(project.customerId)),
        );
      }
      const country = countries.get(project.customerId);
      let taxBp: number | undefined;
      if (country) {
        const key = `${project.legalEntityId}/${country}`;
        if (!taxTables.has(key)) {
          taxTables.set(
            key,
            await upstream(`tax table ${key}`, () => this.directory.taxTable(project.legalEntityId, country)),
          );
        }
        taxBp = taxRateOn(taxTables.get(key)!, item.workDate)?.rateBasisPoints;
      }
      if (taxBp === undefined) {
        hold(
          'missing-tax-rate',
          country
            ? `No tax rate for ${project.legalEntityId} and customer country ${country} on ${item.workDate}`
            : `Customer ${project.customerId} has no billing country`,
        );
        continue;
      }

      const base: Omit<PricedItem, 'rateMinor' | 'rateCardId' | 'rateCardVersion' | 'amendmentId' | 'amountMinor'> = {
        itemId: item.id,
        kind: item.kind,
        sourceId: item.sourceId,
        change: item.change,
        workDate: item.workDate,
        customerId: project.customerId,
        projectId: project.id,
        contractId: item.contractId ?? project.contractId,
        currency: project.currency,
        role: item.role,
        minutes: item.minutes,
        psaRateMinor: null,
        taxRateBasisPoints: taxBp,
        description: item.description,
      };

      if (item.kind === 'time') {
        const role = await roleOf(item);
        base.role = role;
        const billed = item.reversesItemId ? billedRates.get(item.reversesItemId) : undefined;
        if (item.change === 'reversal' && billed?.rateMinor != null) {
          result.priced.push({
            ...base,
            rateMinor: billed.rateMinor,
            rateCardId: null,
            rateCardVersion: null,
            amendmentId: null,
            amountMinor: null,
          });
          continue;
        }
        if (!role) {
          hold(
            'missing-rate',
            `Time entry ${item.sourceId} has no role (entry or assignment of ${item.workerId}) to price`,
          );
          continue;
        }
        const key = `${project.id}/${role}/${item.workDate}`;
        if (!rates.has(key)) rates.set(key, this.rates.rateOn(project.id, role, item.workDate));
        const rate = await upstream(`rate of ${key}`, () => rates.get(key)!);
        if (!rate) {
          hold('missing-rate', `No rate for role ${role} on ${item.workDate} in the rate card of ${project.id}`);
          continue;
        }
        if (rate.hourlyRate.currency !== project.currency) {
          hold(
            'currency-mismatch',
            `The rate card prices ${role} in ${rate.hourlyRate.currency}, the contract is in ${project.currency}`,
          );
          continue;
        }
        result.priced.push({
          ...base,
          rateMinor: BigInt(rate.hourlyRate.amountMinor),
          rateCardId: rate.rateCardId,
          rateCardVersion: rate.rateCardVersion,
          amendmentId: rate.amendmentId,
          amountMinor: null,
        });
        continue;
      }

      if (item.currency !== project.currency) {
        hold(
          'currency-mismatch',
          `${item.kind} ${item.sourceId} is in ${item.currency}, the contract in ${project.currency}`,
        );
        continue;
      }
      if (item.kind !== 'expense' && item.change !== 'reversal' && project.budget) {
        const billed = billedFees.get(project.id) ?? 0n;
        const next = billed + (item.amountMinor ?? 0n);
        if (next > BigInt(project.budget.amountMinor)) {
          hold(
            'fixed-fee-cap-reached',
            `${item.kind} ${item.sourceId} would bring ${project.id} to ${next} of its ${project.budget.amountMinor} ${project.currency} (minor units)`,
          );
          continue;
        }
        billedFees.set(project.id, next);
      }
      result.priced.push({
        ...base,
        rateMinor: null,
        rateCardId: null,
        rateCardVersion: null,
        amendmentId: null,
        amountMinor: item.amountMinor,
      });
    }
    return result;
  }
}
