import {
  AssignmentDto,
  BillingModel,
  BillingModels,
  currencyMinorUnits,
  isCurrencyCode,
  MilestoneDto,
  MilestoneStatus,
  ProjectDto,
  ProjectStatus,
  PsaUserDto,
  RateCardDto,
  TimeEntryDto,
  ExpenseDto,
  ExpenseCategories,
  ExpenseCategory,
} from '@app/contracts';
import {
  KantataExpense,
  KantataParticipation,
  KantataRateCard,
  KantataRateCardRole,
  KantataRateCardSet,
  KantataRateCardSetVersion,
  KantataRateCardVersion,
  KantataStory,
  KantataTimeEntry,
  KantataUser,
  KantataWorkspace,
} from './kantata.types';

/** A Kantata record the canonical model cannot hold (missing reference, unknown currency...). */
export class KantataMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KantataMappingError';
  }
}

/** The canonical system name (key of crossReferences). */
export const KANTATA = 'kantata';

/** Kantata field -> canonical field, for validation errors of a project create. */
export const PROJECT_FIELDS = {
  title: 'name',
  start_date: 'startDate',
  due_date: 'endDate',
  price_in_cents: 'budget',
  currency: 'currency',
  status: 'status',
  description: 'code',
  'external_references.service_model_ref': 'id',
} as const;
/** Kantata field -> canonical field, for validation errors of a user create or update. */
export const USER_FIELDS = {
  full_name: 'name',
  email_address: 'email',
  role_id: 'role',
  disabled: 'active',
  'external_references.service_model_ref': 'id',
  subject_id: 'id',
} as const;
export const ASSIGNMENT_FIELDS = { workspace_id: 'projectId', user_id: 'workerId', role_id: 'role' } as const;
export const MILESTONE_FIELDS = {
  title: 'name',
  due_date: 'dueDate',
  budget_estimate_in_cents: 'amount',
  workspace_id: 'projectId',
  state: 'status',
} as const;

const WORKSPACE_STATUS: Record<string, ProjectStatus> = {
  not_started: 'planned',
  active: 'active',
  on_hold: 'on-hold',
  completed: 'completed',
  cancelled: 'cancelled',
};
const STORY_STATE: Record<string, MilestoneStatus> = {
  'not started': 'planned',
  started: 'in-progress',
  'needs attention': 'in-progress',
  blocked: 'in-progress',
  completed: 'completed',
};

/** Kantata's `*_in_cents` are hundredths of the currency unit; canonical money is minor units. */
export function centsToMinor(cents: number, currency: string): number {
  if (!isCurrencyCode(currency)) throw new KantataMappingError(`unknown currency ${currency}`);
  const digits = currencyMinorUnits(currency);
  if (digits === 2) return cents;
  if (digits > 2) return cents * 10 ** (digits - 2);
  const factor = 10 ** (2 - digits);
  if (cents % factor !== 0) throw new KantataMappingError(`${cents} cents is not a whole amount of ${currency}`);
  return cents / factor;
}

export function minorToCents(minor: number, currency: string): number {
  const digits = currencyMinorUnits(currency);
  if (digits === 2) return minor;
  if (digits < 2) return minor * 10 ** (2 - digits);
  const factor = 10 ** (digits - 2);
  if (minor % factor !== 0)
    throw new KantataMappingError(`${minor} minor units of ${currency} cannot be expressed in cents`);
  return minor / factor;
}

/** `Senior Consultant` -> `senior-consultant` (rate-card role code). */
export function roleCode(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Kantata timestamps (`2025-06-02T09:00:00-07:00`) as RFC 3339 UTC. */
export function kantataTimeToIso(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new KantataMappingError(`invalid Kantata timestamp ${value}`);
  return new Date(t).toISOString();
}

/** Canonical id of a Kantata object that carries no external reference of ours. */
export function fallbackId(kind: string, id: string): string {
  return `kantata-${kind}-${id}`;
}

/** Kantata id encoded in a fallback id, if it is one. */
export function kantataIdOf(kind: string, canonicalId: string): string | undefined {
  const m = new RegExp(`^kantata-${kind}-(\\d+)$`).exec(canonicalId);
  return m?.[1];
}

/** The canonical attributes a workspace carries as external references (service model -> value). */
export interface ProjectReferences {
  project?: string;
  customer?: string;
  contract?: string;
  legal_entity?: string;
  billing_model?: string;
}

export function toCanonicalProject(ws: KantataWorkspace, refs: ProjectReferences): ProjectDto {
  if (!refs.project) throw new KantataMappingError(`workspace ${ws.id} has no project reference`);
  const missing = (['customer', 'contract', 'legal_entity', 'billing_model'] as const).filter((k) => !refs[k]);
  if (missing.length) throw new KantataMappingError(`workspace ${ws.id} lacks the ${missing.join(', ')} reference(s)`);
  if (!(BillingModels as readonly string[]).includes(refs.billing_model!))
    throw new KantataMappingError(`workspace ${ws.id} has an unknown billing model ${refs.billing_model}`);
  if (!ws.start_date) throw new KantataMappingError(`workspace ${ws.id} has no start_date`);
  const status: ProjectStatus =
    ws.archived && ws.status === 'active' ? 'completed' : (WORKSPACE_STATUS[ws.status ?? 'active'] ?? 'active');
  const project: ProjectDto = {
    id: refs.project,
    crossReferences: { [KANTATA]: ws.id },
    updatedAt: kantataTimeToIso(ws.updated_at),
    name: ws.title,
    customerId: refs.customer!,
    contractId: refs.contract!,
    legalEntityId: refs.legal_entity!,
    billingModel: refs.billing_model as BillingModel,
    status,
    currency: ws.currency,
    startDate: ws.start_date,
  };
  if (ws.due_date) project.endDate = ws.due_date;
  if (ws.description) project.code = ws.description; // written from project.code on create (see toKantataWorkspace)
  if (ws.price_in_cents !== null && ws.price_in_cents !== undefined)
    project.budget = { amountMinor: centsToMinor(ws.price_in_cents, ws.currency), currency: ws.currency };
  return project;
}

/** What a project create sends to Kantata (besides its external references). */
export function toKantataWorkspace(
  project: Pick<ProjectDto, 'name' | 'currency' | 'startDate' | 'endDate' | 'budget' | 'status' | 'code'>,
): Record<string, unknown> {
  const status = Object.entries(WORKSPACE_STATUS).find(([, s]) => s === project.status)?.[0] ?? 'active';
  return {
    title: project.name,
    currency: project.currency,
    start_date: project.startDate,
    due_date: project.endDate ?? null,
    budgeted: project.budget !== undefined,
    price_in_cents: project.budget ? minorToCents(project.budget.amountMinor, project.budget.currency) : null,
    status,
    description: project.code ?? null,
    creator_role: 'maven',
  };
}

/** A project patch as workspace fields (only those present); `archived` archives the workspace. */
export function toKantataWorkspacePatch(patch: {
  budget?: { amountMinor: number; currency: string };
  endDate?: string;
  status?: ProjectStatus | 'archived';
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (patch.budget) {
    out.budgeted = true;
    out.price_in_cents = minorToCents(patch.budget.amountMinor, patch.budget.currency);
  }
  if (patch.endDate !== undefined) out.due_date = patch.endDate;
  if (patch.status === 'archived') out.archived = true;
  else if (patch.status !== undefined) {
    out.status = Object.entries(WORKSPACE_STATUS).find(([, s]) => s === patch.status)?.[0] ?? 'active';
    out.archived = false;
  }
  return out;
}

export function toCanonicalUser(
  user: KantataUser,
  canonicalId: string,
  roleName: string | undefined,
  workerId?: string,
): PsaUserDto {
  const dto: PsaUserDto = {
    id: canonicalId,
    crossReferences: { [KANTATA]: user.id },
    updatedAt: kantataTimeToIso(user.updated_at),
    name: user.full_name,
    email: user.email_address,
    active: user.disabled !== true,
  };
  if (roleName) dto.role = roleCode(roleName);
  if (workerId) dto.workerId = workerId;
  return dto;
}

/**
 * A participation as a canonical assignment. Kantata keeps no version: the version is the
 * participation's `updated_at` in whole seconds, which grows with every change.
 */
export function toCanonicalAssignment(
  p: KantataParticipation,
  ids: { id: string; projectId: string; workerId: string; role: string; startDate: string; endDate?: string | null },
): AssignmentDto {
  const dto: AssignmentDto = {
    id: ids.id,
    crossReferences: { [KANTATA]: p.id },
    updatedAt: kantataTimeToIso(p.updated_at),
    version: Math.max(1, Math.floor(Date.parse(p.updated_at) / 1000)),
    projectId: ids.projectId,
    workerId: ids.workerId,
    role: ids.role,
    status: 'confirmed',
    startDate: ids.startDate,
    allocationPercent: 100,
    billable: true,
  };
  if (ids.endDate) dto.endDate = ids.endDate;
  return dto;
}

export function toCanonicalMilestone(
  story: KantataStory,
  ids: { id: string; projectId: string; contractId: string; currency: string },
): MilestoneDto {
  const status = STORY_STATE[story.state] ?? 'planned';
  const dto: MilestoneDto = {
    id: ids.id,
    crossReferences: { [KANTATA]: story.id },
    updatedAt: kantataTimeToIso(story.updated_at),
    projectId: ids.projectId,
    contractId: ids.contractId,
    name: story.title,
    amount: { amountMinor: centsToMinor(story.budget_estimate_in_cents ?? 0, ids.currency), currency: ids.currency },
    status,
  };
  if (story.due_date) dto.dueDate = story.due_date;
  // Kantata has no completion timestamp: the last change of a completed story is when it was completed.
  if (status === 'completed') dto.completedAt = kantataTimeToIso(story.updated_at);
  return dto;
}

export function toCanonicalTimeEntry(
  te: KantataTimeEntry,
  ids: { id: string; projectId: string; workerId: string },
): TimeEntryDto {
  const status = te.is_invoiced ? 'invoiced' : te.approved ? 'approved' : 'submitted';
  const dto: TimeEntryDto = {
    id: ids.id,
    crossReferences: { [KANTATA]: te.id },
    updatedAt: kantataTimeToIso(te.updated_at),
    workerId: ids.workerId,
    projectId: ids.projectId,
    date: te.date_performed,
    minutes: te.time_in_minutes,
    billable: te.billable,
    status,
  };
  if (te.notes) dto.description = te.notes;
  // Kantata exposes no approval time: the entry's last change stands for it.
  if (status !== 'submitted') dto.approvedAt = kantataTimeToIso(te.updated_at);
  return dto;
}

export function toCanonicalExpense(
  e: KantataExpense,
  ids: { id: string; projectId: string; workerId: string },
): ExpenseDto {
  const category = (ExpenseCategories as readonly string[]).includes(e.category ?? '')
    ? (e.category as ExpenseCategory)
    : 'other';
  const status = e.is_invoiced ? 'invoiced' : e.approved ? 'approved' : 'submitted';
  const dto: ExpenseDto = {
    id: ids.id,
    crossReferences: { [KANTATA]: e.id },
    updatedAt: kantataTimeToIso(e.updated_at),
    workerId: ids.workerId,
    projectId: ids.projectId,
    date: e.date,
    category,
    amount: { amountMinor: centsToMinor(e.amount_in_cents, e.currency), currency: e.currency },
    billable: e.billable,
    reimbursable: e.reimbursable ?? true,
    status,
  };
  if (e.notes) dto.description = e.notes;
  if (status !== 'submitted') dto.approvedAt = kantataTimeToIso(e.updated_at);
  return dto;
}

/**
 * One Kantata rate card (a currency of a rate card set) as a canonical rate card: each set version
 * (effective date) is a version, in force until the next one; rates by role code.
 */
export function toCanonicalRateCard(
  card: KantataRateCard,
  set: KantataRateCardSet,
  setVersions: KantataRateCardSetVersion[],
  versions: KantataRateCardVersion[],
  roles: KantataRateCardRole[],
  roleNames: ReadonlyMap<string, string>,
): RateCardDto {
  const effective = new Map(setVersions.map((v) => [v.id, v.effective_date]));
  const ordered = versions
    .filter((v) => v.rate_card_id === card.id && effective.has(v.rate_card_set_version_id))
    .sort((a, b) =>
      effective.get(a.rate_card_set_version_id)!.localeCompare(effective.get(b.rate_card_set_version_id)!),
    );
  if (ordered.length === 0) throw new KantataMappingError(`rate card ${card.id} has no version`);
  return {
    id: fallbackId('rate-card', card.id),
    crossReferences: { [KANTATA]: card.id },
    name: `${set.title} (${card.currency})`,
    currency: card.currency,
    versions: ordered.map((v, i) => {
      const next = ordered[i + 1];
      const version = {
        id: fallbackId('rate-card-version', v.id),
        version: i + 1,
        effectiveFrom: effective.get(v.rate_card_set_version_id)!,
        billRates: roles
          .filter((r) => r.rate_card_version_id === v.id)
          .map((r) => ({
            role: roleCode(roleNames.get(r.role_id) ?? `role-${r.role_id}`),
            hourlyRate: { amountMinor: centsToMinor(r.rate_in_cents, card.currency), currency: card.currency },
          })),
      };
      return next ? { ...version, effectiveTo: effective.get(next.rate_card_set_version_id)! } : version;
    }),
  };
}
