import { money } from '@app/contracts';
import { BadGatewayProblem, ConflictProblem, ProblemError, UnprocessableProblem } from '@app/platform';
import { Injectable } from '@nestjs/common';
import type { Created } from '../psa-adapter';
import {
  FINAL_PSA_INVOICE_STATUSES,
  NewPsaInvoice,
  PsaInvoice,
  PsaInvoiceAdapter,
  PsaInvoicePaymentState,
  PsaInvoiceStatus,
} from '../psa-invoice-adapter';
import { KANTATA_DEPENDENCY, KantataClient } from './kantata-client';
import { centsToMinor, fallbackId, kantataIdOf, minorToCents } from './kantata-mapper';
import { KantataExternalReference, KantataStory, KantataWorkspace } from './kantata.types';

/** Kantata invoice (API v1 `/invoices`), as the sandbox and our integration use it. */
export interface KantataInvoice {
  id: string;
  workspace_ids: string[];
  time_entry_ids: string[];
  expense_ids: string[];
  fixed_fee_item_ids: string[];
  invoice_date: string | null;
  due_date: string | null;
  user_invoice_number: string | null;
  currency: string;
  price_in_cents: number;
  balance_in_cents: number | null;
  paid_date: string | null;
  status: string;
}

interface KantataInvoicedItem {
  id: string;
  workspace_id: string;
  is_invoiced: boolean;
  approved?: boolean;
  story_id?: string | null;
}

/** Kantata invoice status <-> canonical PSA invoice status. */
const TO_KANTATA: Record<Exclude<PsaInvoiceStatus, 'draft'>, string> = {
  open: 'new',
  partially_paid: 'partially_paid',
  paid: 'paid',
  overdue: 'overdue',
  voided: 'void',
};
const FROM_KANTATA: Record<string, PsaInvoiceStatus> = {
  draft: 'draft',
  new: 'open',
  partially_paid: 'partially_paid',
  paid: 'paid',
  overdue: 'overdue',
  void: 'voided',
};

/** How each billed kind is referenced: our service model, the Kantata subject and its fallback id kind. */
const KINDS = {
  timeEntryIds: { model: 'time_entry', subject: 'time_entry', plural: 'time_entries', fallback: 'time-entry' },
  expenseIds: { model: 'expense', subject: 'expense', plural: 'expenses', fallback: 'expense' },
  milestoneIds: { model: 'milestone', subject: 'story', plural: 'stories', fallback: 'story' },
} as const;
type ItemField = keyof typeof KINDS;

const LOOKUP_CHUNK = 50;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Kantata's invoice model: an invoice belongs to workspaces and owns time entries, expenses and
 * fixed-fee items, which creating it marks `is_invoiced`. A milestone (a story) is billed through a
 * fixed-fee item for its story, made once per milestone. The canonical invoice id is an external
 * reference on the invoice, so a retry finds the invoice already recorded.
 */
@Injectable()
export class KantataInvoiceAdapter implements PsaInvoiceAdapter {
  readonly system = KANTATA_DEPENDENCY;

  constructor(private readonly client: KantataClient) {}

  async createInvoice(input: NewPsaInvoice): Promise<Created<PsaInvoice>> {
    const existing = await this.client.findReference('invoice', { model: 'invoice', ref: input.id });
    if (existing) return { value: await this.requireInvoice(existing.subject_id, input.id), created: false };

    const workspace = await this.workspaceOf(input.projectId);
    const timeEntries = await this.kantataIds('timeEntryIds', input.timeEntryIds);
    const expenses = await this.kantataIds('expenseIds', input.expenseIds);
    const stories = await this.kantataIds('milestoneIds', input.milestoneIds);
    if (timeEntries.length + expenses.length + stories.length === 0) {
      throw new UnprocessableProblem('an invoice needs time entries, expenses or milestones', {
        errors: [{ field: 'timeEntryIds', message: 'give at least one time entry, expense or milestone' }],
      });
    }
    const taken = [
      ...(await this.alreadyInvoiced('timeEntryIds', timeEntries, input.timeEntryIds, workspace.id)),
      ...(await this.alreadyInvoiced('expenseIds', expenses, input.expenseIds, workspace.id)),
    ];
    const feeItems: string[] = [];
    for (const [i, storyId] of stories.entries()) {
      const fee = await this.feeItemFor(input.milestoneIds[i], storyId, workspace);
      if (fee.invoiced) taken.push({ field: 'milestoneIds', id: input.milestoneIds[i] });
      feeItems.push(fee.id);
    }
    if (taken.length) throw this.conflict(taken);

    const object: Record<string, unknown> = {
      workspace_ids: [workspace.id],
      time_entry_ids: timeEntries,
      expense_ids: expenses,
      fixed_fee_item_ids: feeItems,
      status: 'new',
    };
    if (input.invoiceDate) object.invoice_date = input.invoiceDate;
    if (input.dueDate) object.due_date = input.dueDate;
    if (input.number) object.user_invoice_number = input.number;
    let result: { id: string; created: boolean };
    try {
      result = await this.client.createOnce(
        'invoices',
        'invoice',
        object,
        { model: 'invoice', ref: input.id },
        { time_entry_ids: 'timeEntryIds', expense_ids: 'expenseIds', fixed_fee_item_ids: 'milestoneIds' },
        'invoice',
      );
    } catch (e) {
      // Another invoice took an item between our check and the create.
      if (e instanceof ProblemError && e.status === 422 && /already invoiced/.test(e.message)) {
        throw new ConflictProblem(`some items are already invoiced in ${this.system}: ${e.message}`, {
          vendor: this.system,
          errors: (e.extra.errors as unknown[]) ?? [],
        });
      }
      throw e;
    }
    return { value: await this.requireInvoice(result.id, input.id), created: result.created };
  }

  async getInvoice(id: string): Promise<PsaInvoice | undefined> {
    const ref = await this.client.findReference('invoice', { model: 'invoice', ref: id });
    const kantataId = ref?.subject_id ?? kantataIdOf('invoice', id);
    if (!kantataId) return undefined;
    const found = await this.client.getOne<KantataInvoice>('invoices', kantataId);
    return found ? this.toCanonical(found.record, ref ? id : fallbackId('invoice', kantataId)) : undefined;
  }

  async updatePaymentState(id: string, state: PsaInvoicePaymentState): Promise<PsaInvoice | undefined> {
    const current = await this.getInvoice(id);
    if (!current) return undefined;
    if (current.status === state.status && current.amountRemaining.amountMinor === state.amountRemainingMinor)
      return current;
    if (FINAL_PSA_INVOICE_STATUSES.has(current.status)) {
      throw new ConflictProblem(`invoice ${id} is ${current.status} in ${this.system}: its status no longer changes`, {
        vendor: this.system,
        currentStatus: current.status,
      });
    }
    const kantataId = current.crossReferences[this.system];
    const invoice: Record<string, unknown> = {
      status: TO_KANTATA[state.status],
      balance_in_cents: minorToCents(state.amountRemainingMinor, current.total.currency),
    };
    if (state.paidDate) invoice.paid_date = state.paidDate;
    await this.client.request(
      { method: 'PUT', path: `/invoices/${kantataId}`, body: { invoice }, retryable: true },
      { balance_in_cents: 'amountRemaining', status: 'status', paid_date: 'paidDate' },
      'invoice',
    );
    return this.requireInvoice(kantataId, id);
  }

  // --- helpers ------------------------------------------------------------------------------------

  private async requireInvoice(kantataId: string, canonicalId: string): Promise<PsaInvoice> {
    const found = await this.client.getOne<KantataInvoice>('invoices', kantataId);
    if (!found) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: invoice ${kantataId} not found`);
    return this.toCanonical(found.record, canonicalId);
  }

  private async toCanonical(inv: KantataInvoice, id: string): Promise<PsaInvoice> {
    const currency = inv.currency;
    const workspaceId = inv.workspace_ids[0];
    const [project] = workspaceId ? await this.canonicalIds('workspace', 'project', [workspaceId], 'workspace') : [];
    const feeItems = inv.fixed_fee_item_ids.length
      ? (await this.client.listAll<KantataInvoicedItem>('fixed_fee_items', { only: inv.fixed_fee_item_ids.join(',') }))
          .records
      : [];
    const storyIds = feeItems.map((f) => f.story_id).filter((s): s is string => typeof s === 'string');
    const total = centsToMinor(inv.price_in_cents ?? 0, currency);
    const out: PsaInvoice = {
      id,
      crossReferences: { [this.system]: inv.id },
      projectId: project ?? '',
      status: FROM_KANTATA[inv.status] ?? 'open',
      total: money(total, currency),
      amountRemaining: money(
        inv.balance_in_cents === null ? total : centsToMinor(inv.balance_in_cents, currency),
        currency,
      ),
      timeEntryIds: await this.canonicalIds('time_entry', 'time_entry', inv.time_entry_ids, 'time-entry'),
      expenseIds: await this.canonicalIds('expense', 'expense', inv.expense_ids, 'expense'),
      milestoneIds: await this.canonicalIds('story', 'milestone', storyIds, 'story'),
    };
    if (inv.user_invoice_number) out.number = inv.user_invoice_number;
    if (inv.invoice_date) out.invoiceDate = inv.invoice_date;
    if (inv.due_date) out.dueDate = inv.due_date;
    if (inv.paid_date) out.paidDate = inv.paid_date;
    return out;
  }

  /** Canonical ids of Kantata objects (our references, else fallback ids), in the given order. */
  private async canonicalIds(subject: string, model: string, ids: string[], fallback: string): Promise<string[]> {
    const byId = new Map<string, string>();
    for (const part of chunks(ids, LOOKUP_CHUNK)) {
      const { records } = await this.client.listAll<KantataExternalReference>('external_references', {
        service_name: this.client.serviceName,
        subject_type: subject,
        service_model: model,
        subject_id: part.join(','),
      });
      for (const r of records) byId.set(r.subject_id, r.service_model_ref);
    }
    return ids.map((id) => byId.get(id) ?? fallbackId(fallback, id));
  }

  /** Kantata ids of canonical ids, in order; 422 naming the field for ids Kantata does not know. */
  private async kantataIds(field: ItemField, ids: string[]): Promise<string[]> {
    const kind = KINDS[field];
    const byRef = new Map<string, string>();
    const lookUp = ids.filter((id) => !kantataIdOf(kind.fallback, id));
    for (const part of chunks([...new Set(lookUp)], LOOKUP_CHUNK)) {
      const { records } = await this.client.listAll<KantataExternalReference>('external_references', {
        service_name: this.client.serviceName,
        service_model: kind.model,
        service_model_ref: part.join(','),
      });
      for (const r of records) if (r.subject_type === kind.subject) byRef.set(r.service_model_ref, r.subject_id);
    }
    const missing: string[] = [];
    const out = ids.map((id) => {
      const kantataId = kantataIdOf(kind.fallback, id) ?? byRef.get(id);
      if (!kantataId) missing.push(id);
      return kantataId ?? '';
    });
    if (missing.length) {
      throw new UnprocessableProblem(`${this.system} has no ${kind.plural.replace('_', ' ')} ${missing.join(', ')}`, {
        vendor: this.system,
        errors: missing.map((id) => ({ field, message: `${id} is not known to ${this.system}` })),
      });
    }
    return out;
  }

  /** Items invoiced already (by another invoice), and 422 for items of another project or not approved. */
  private async alreadyInvoiced(
    field: 'timeEntryIds' | 'expenseIds',
    kantataIds: string[],
    canonicalIds: string[],
    workspaceId: string,
  ): Promise<Array<{ field: string; id: string }>> {
    const kind = KINDS[field];
    const records = new Map<string, KantataInvoicedItem>();
    for (const part of chunks(kantataIds, LOOKUP_CHUNK)) {
      for (const r of (await this.client.listAll<KantataInvoicedItem>(kind.plural, { only: part.join(',') })).records)
        records.set(r.id, r);
    }
    const taken: Array<{ field: string; id: string }> = [];
    const invalid: Array<{ field: string; message: string }> = [];
    kantataIds.forEach((kid, i) => {
      const r = records.get(kid);
      const id = canonicalIds[i];
      if (!r) invalid.push({ field, message: `${id} is not known to ${this.system}` });
      else if (r.workspace_id !== workspaceId) invalid.push({ field, message: `${id} belongs to another project` });
      else if (r.is_invoiced) taken.push({ field, id });
      else if (r.approved !== true) invalid.push({ field, message: `${id} is not approved` });
    });
    if (invalid.length) {
      throw new UnprocessableProblem(invalid.map((e) => e.message).join('; '), {
        vendor: this.system,
        errors: invalid,
      });
    }
    return taken;
  }

  /** The fixed-fee item that bills a milestone's story (made once per milestone). */
  private async feeItemFor(
    milestoneId: string,
    storyId: string,
    workspace: KantataWorkspace,
  ): Promise<{ id: string; invoiced: boolean }> {
    const story = await this.client.getOne<KantataStory>('stories', storyId);
    if (!story || story.record.workspace_id !== workspace.id) {
      throw new UnprocessableProblem(`milestone ${milestoneId} is not a milestone of this project`, {
        vendor: this.system,
        errors: [{ field: 'milestoneIds', message: `${milestoneId} is not a milestone of this project` }],
      });
    }
    const { id } = await this.client.createOnce(
      'fixed_fee_items',
      'fixed_fee_item',
      {
        workspace_id: workspace.id,
        story_id: storyId,
        title: story.record.title,
        amount_in_cents: story.record.budget_estimate_in_cents ?? 0,
      },
      { model: 'milestone_fee', ref: milestoneId },
      { amount_in_cents: 'milestoneIds' },
      'milestone fee',
    );
    const fee = await this.client.getOne<KantataInvoicedItem>('fixed_fee_items', id);
    return { id, invoiced: fee?.record.is_invoiced === true };
  }

  private async workspaceOf(projectId: string): Promise<KantataWorkspace> {
    const ref = await this.client.findReference('workspace', { model: 'project', ref: projectId });
    const id = ref?.subject_id ?? kantataIdOf('workspace', projectId);
    const found = id ? await this.client.getOne<KantataWorkspace>('workspaces', id) : undefined;
    if (!found) {
      throw new UnprocessableProblem(`project ${projectId} does not exist in ${this.system}`, {
        vendor: this.system,
        errors: [{ field: 'projectId', message: `${projectId} is not a project of ${this.system}` }],
      });
    }
    return found.record;
  }

  private conflict(taken: Array<{ field: string; id: string }>): ConflictProblem {
    return new ConflictProblem(
      `already invoiced by another invoice in ${this.system}: ${taken.map((t) => t.id).join(', ')}`,
      {
        vendor: this.system,
        errors: taken.map((t) => ({ field: t.field, message: `${t.id} is already invoiced` })),
      },
    );
  }
}
