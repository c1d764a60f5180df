/** Field types of the emulated Kantata resources. */
export type FieldType = 'string' | 'integer' | 'boolean' | 'date' | 'enum' | 'currency' | 'ref' | 'refs';

export interface FieldDef {
  type: FieldType;
  /** Required on create. */
  required?: boolean;
  /** Value on create when absent (a function sees the other attributes and the referenced records). */
  default?: unknown;
  /** Allowed values of an enum. */
  values?: readonly string[];
  /** Resource a ref / refs points to. */
  resource?: string;
  /** Never written by clients. */
  readOnly?: boolean;
  /** Accepted on create only (ignored... no: rejected on update). */
  createOnly?: boolean;
  /** Accepted on input, never returned (e.g. `creator_role`). */
  writeOnly?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

/** A query filter: `eq` (comma-separated values match any), `bool`, `between` (`a:b` dates), `ci` (case-insensitive). */
export interface FilterDef {
  kind: 'eq' | 'bool' | 'between' | 'ci' | 'contains';
  field: string;
}

/** `include=name`: `fk` side-loads the record this one points to; `reverse` the records pointing here. */
export type IncludeDef =
  { kind: 'fk'; field: string; resource: string } | { kind: 'reverse'; field: string; resource: string };

export interface ResourceDef {
  plural: string;
  singular: string;
  /** First id handed out (ids read like Kantata's, distinct per resource). */
  idBase: number;
  fields: Record<string, FieldDef>;
  filters: Record<string, FilterDef>;
  includes: Record<string, IncludeDef>;
  /** Updatable at all (PUT). */
  updatable: boolean;
}

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'] as const;
export const STORY_TYPES = ['task', 'deliverable', 'milestone', 'issue'] as const;
export const STORY_STATES = ['not started', 'started', 'needs attention', 'blocked', 'completed'] as const;
export const WORKSPACE_STATUSES = ['not_started', 'active', 'on_hold', 'completed', 'cancelled'] as const;
/**
 * Payment states of a Kantata invoice as the sandbox keeps them: `draft` until sent (`new`), then
 * `partially_paid` (with `balance_in_cents` > 0), `paid`, `overdue` or `void`. Kantata's own list of
 * invoice statuses is not published [U]; these are the states its invoice screen shows.
 */
export const INVOICE_STATUSES = ['draft', 'new', 'partially_paid', 'paid', 'overdue', 'void'] as const;
/** Kantata objects an external reference can point at (`subject_type`). */
export const REFERENCE_SUBJECTS: Record<string, string> = {
  workspace: 'workspaces',
  user: 'users',
  participation: 'participations',
  story: 'stories',
  time_entry: 'time_entries',
  expense: 'expenses',
  invoice: 'invoices',
  fixed_fee_item: 'fixed_fee_items',
  rate_card_set: 'rate_card_sets',
};

const by = (field: string): FilterDef => ({ kind: 'eq', field });
const fk = (field: string, resource: string): IncludeDef => ({ kind: 'fk', field, resource });
const reverse = (field: string, resource: string): IncludeDef => ({ kind: 'reverse', field, resource });

const definitions: ResourceDef[] = [
  {
    plural: 'workspaces',
    singular: 'workspace',
    idBase: 1000,
    updatable: true,
    fields: {
      title: { type: 'string', required: true, maxLength: 255 },
      description: { type: 'string', maxLength: 10000 },
      budgeted: { type: 'boolean', default: false },
      price_in_cents: { type: 'integer', min: 0 },
      currency: { type: 'currency', default: 'USD' },
      start_date: { type: 'date' },
      due_date: { type: 'date' },
      status: { type: 'enum', values: WORKSPACE_STATUSES, default: 'active' },
      archived: { type: 'boolean', default: false },
      creator_role: { type: 'enum', values: ['maven', 'buyer'], required: true, createOnly: true, writeOnly: true },
      rate_card_set_id: { type: 'ref', resource: 'rate_card_sets' },
    },
    filters: {
      archived: { kind: 'bool', field: 'archived' },
      status: by('status'),
      search: { kind: 'contains', field: 'title' },
    },
    includes: {
      participations: reverse('workspace_id', 'participations'),
      stories: reverse('workspace_id', 'stories'),
    },
  },
  {
    plural: 'roles',
    singular: 'role',
    idBase: 100,
    updatable: true,
    fields: { name: { type: 'string', required: true, maxLength: 255 } },
    filters: {},
    includes: {},
  },
  {
    plural: 'users',
    singular: 'user',
    idBase: 2000,
    updatable: true,
    fields: {
      full_name: { type: 'string', required: true, maxLength: 255 },
      email_address: { type: 'string', required: true, maxLength: 255 },
      headline: { type: 'string', maxLength: 255 },
      role_id: { type: 'ref', resource: 'roles' },
      disabled: { type: 'boolean', default: false },
    },
    filters: { by_email_address: { kind: 'ci', field: 'email_address' }, role_id: by('role_id') },
    includes: { role: fk('role_id', 'roles') },
  },
  {
    plural: 'participations',
    singular: 'participation',
    idBase: 3000,
    updatable: true,
    fields: {
      workspace_id: { type: 'ref', resource: 'workspaces', required: true, createOnly: true },
      user_id: { type: 'ref', resource: 'users', required: true, createOnly: true },
      role: { type: 'enum', values: ['maven', 'buyer'], default: 'maven' },
      role_id: { type: 'ref', resource: 'roles' },
    },
    filters: { workspace_id: by('workspace_id'), user_id: by('user_id') },
    includes: {
      user: fk('user_id', 'users'),
      workspace: fk('workspace_id', 'workspaces'),
      role_record: fk('role_id', 'roles'),
    },
  },
  {
    plural: 'stories',
    singular: 'story',
    idBase: 4000,
    updatable: true,
    fields: {
      workspace_id: { type: 'ref', resource: 'workspaces', required: true, createOnly: true },
      title: { type: 'string', required: true, maxLength: 255 },
      description: { type: 'string', maxLength: 10000 },
      story_type: { type: 'enum', values: STORY_TYPES, default: 'task' },
      parent_id: { type: 'ref', resource: 'stories' },
      state: { type: 'enum', values: STORY_STATES, default: 'not started' },
      start_date: { type: 'date' },
      due_date: { type: 'date' },
      budget_estimate_in_cents: { type: 'integer', min: 0 },
    },
    filters: {
      workspace_id: by('workspace_id'),
      story_type: by('story_type'),
      state: by('state'),
      parent_id: by('parent_id'),
    },
    includes: { workspace: fk('workspace_id', 'workspaces'), parent: fk('parent_id', 'stories') },
  },
  {
    plural: 'time_entries',
    singular: 'time_entry',
    idBase: 500000,
    updatable: true,
    fields: {
      workspace_id: { type: 'ref', resource: 'workspaces', required: true },
      user_id: { type: 'ref', resource: 'users', required: true },
      story_id: { type: 'ref', resource: 'stories' },
      date_performed: { type: 'date', required: true },
      time_in_minutes: { type: 'integer', required: true, min: 1, max: 1440 },
      billable: { type: 'boolean', default: true },
      notes: { type: 'string', maxLength: 10000 },
      rate_in_cents: { type: 'integer', min: 0, default: 0 },
      cost_rate_in_cents: { type: 'integer', min: 0, default: 0 },
      currency: { type: 'currency' },
      approved: { type: 'boolean', default: false },
      is_invoiced: { type: 'boolean', readOnly: true, default: false },
    },
    filters: {
      workspace_id: by('workspace_id'),
      user_id: by('user_id'),
      story_id: by('story_id'),
      approved: { kind: 'bool', field: 'approved' },
      is_invoiced: { kind: 'bool', field: 'is_invoiced' },
      date_performed_between: { kind: 'between', field: 'date_performed' },
    },
    includes: {
      user: fk('user_id', 'users'),
      workspace: fk('workspace_id', 'workspaces'),
      story: fk('story_id', 'stories'),
    },
  },
  {
    plural: 'expenses',
    singular: 'expense',
    idBase: 600000,
    updatable: true,
    fields: {
      workspace_id: { type: 'ref', resource: 'workspaces', required: true },
      user_id: { type: 'ref', resource: 'users', required: true },
      date: { type: 'date', required: true },
      amount_in_cents: { type: 'integer', required: true, min: 1 },
      currency: { type: 'currency' },
      category: { type: 'string', maxLength: 100, default: 'other' },
      notes: { type: 'string', maxLength: 10000 },
      billable: { type: 'boolean', default: true },
      reimbursable: { type: 'boolean', default: true },
      approved: { type: 'boolean', default: false },
      is_invoiced: { type: 'boolean', readOnly: true, default: false },
    },
    filters: {
      workspace_id: by('workspace_id'),
      user_id: by('user_id'),
      approved: { kind: 'bool', field: 'approved' },
      is_invoiced: { kind: 'bool', field: 'is_invoiced' },
      date_between: { kind: 'between', field: 'date' },
    },
    includes: { user: fk('user_id', 'users'), workspace: fk('workspace_id', 'workspaces') },
  },
  {
    // A fixed-fee item bills a deliverable or milestone story once, for an agreed amount.
    plural: 'fixed_fee_items',
    singular: 'fixed_fee_item',
    idBase: 750000,
    updatable: true,
    fields: {
      workspace_id: { type: 'ref', resource: 'workspaces', required: true, createOnly: true },
      story_id: { type: 'ref', resource: 'stories' },
      title: { type: 'string', required: true, maxLength: 255 },
      amount_in_cents: { type: 'integer', required: true, min: 0 },
      currency: { type: 'currency' },
      is_invoiced: { type: 'boolean', readOnly: true, default: false },
    },
    filters: {
      workspace_id: by('workspace_id'),
      story_id: by('story_id'),
      is_invoiced: { kind: 'bool', field: 'is_invoiced' },
    },
    includes: { workspace: fk('workspace_id', 'workspaces'), story: fk('story_id', 'stories') },
  },
  {
    // Creating an invoice marks its time entries, expenses and fixed-fee items invoiced; afterwards
    // only its payment state (status, balance, paid date) changes.
    plural: 'invoices',
    singular: 'invoice',
    idBase: 700000,
    updatable: true,
    fields: {
      workspace_ids: { type: 'refs', resource: 'workspaces', required: true, createOnly: true },
      time_entry_ids: { type: 'refs', resource: 'time_entries', default: [], createOnly: true },
      expense_ids: { type: 'refs', resource: 'expenses', default: [], createOnly: true },
      fixed_fee_item_ids: { type: 'refs', resource: 'fixed_fee_items', default: [], createOnly: true },
      invoice_date: { type: 'date' },
      due_date: { type: 'date' },
      user_invoice_number: { type: 'string', maxLength: 255 },
      currency: { type: 'currency', readOnly: true },
      price_in_cents: { type: 'integer', readOnly: true },
      balance_in_cents: { type: 'integer', min: 0 },
      paid_date: { type: 'date' },
      status: { type: 'enum', values: INVOICE_STATUSES, default: 'draft' },
    },
    filters: { status: by('status'), user_invoice_number: by('user_invoice_number') },
    includes: {},
  },
  {
    plural: 'rate_card_sets',
    singular: 'rate_card_set',
    idBase: 800,
    updatable: true,
    fields: { title: { type: 'string', required: true, maxLength: 255 } },
    filters: {},
    includes: {
      rate_card_set_versions: reverse('rate_card_set_id', 'rate_card_set_versions'),
      rate_cards: reverse('rate_card_set_id', 'rate_cards'),
    },
  },
  {
    plural: 'rate_card_set_versions',
    singular: 'rate_card_set_version',
    idBase: 850,
    updatable: true,
    fields: {
      rate_card_set_id: { type: 'ref', resource: 'rate_card_sets', required: true, createOnly: true },
      effective_date: { type: 'date', required: true },
      published: { type: 'boolean', default: true },
    },
    filters: { rate_card_set_id: by('rate_card_set_id') },
    includes: {
      rate_card_set: fk('rate_card_set_id', 'rate_card_sets'),
      rate_card_versions: reverse('rate_card_set_version_id', 'rate_card_versions'),
    },
  },
  {
    plural: 'rate_cards',
    singular: 'rate_card',
    idBase: 900,
    updatable: true,
    fields: {
      rate_card_set_id: { type: 'ref', resource: 'rate_card_sets', required: true, createOnly: true },
      currency: { type: 'currency', required: true, createOnly: true },
    },
    filters: { rate_card_set_id: by('rate_card_set_id'), currency: by('currency') },
    includes: {
      rate_card_set: fk('rate_card_set_id', 'rate_card_sets'),
      rate_card_versions: reverse('rate_card_id', 'rate_card_versions'),
    },
  },
  {
    plural: 'rate_card_versions',
    singular: 'rate_card_version',
    idBase: 950,
    updatable: false,
    fields: {
      rate_card_id: { type: 'ref', resource: 'rate_cards', required: true },
      rate_card_set_version_id: { type: 'ref', resource: 'rate_card_set_versions', required: true },
    },
    filters: { rate_card_id: by('rate_card_id'), rate_card_set_version_id: by('rate_card_set_version_id') },
    includes: {
      rate_card: fk('rate_card_id', 'rate_cards'),
      rate_card_set_version: fk('rate_card_set_version_id', 'rate_card_set_versions'),
      rate_card_roles: reverse('rate_card_version_id', 'rate_card_roles'),
    },
  },
  {
    plural: 'rate_card_roles',
    singular: 'rate_card_role',
    idBase: 9000,
    updatable: true,
    fields: {
      rate_card_version_id: { type: 'ref', resource: 'rate_card_versions', required: true, createOnly: true },
      role_id: { type: 'ref', resource: 'roles', required: true, createOnly: true },
      rate_in_cents: { type: 'integer', required: true, min: 0 },
    },
    filters: { rate_card_version_id: by('rate_card_version_id'), role_id: by('role_id') },
    includes: { role: fk('role_id', 'roles'), rate_card_version: fk('rate_card_version_id', 'rate_card_versions') },
  },
  {
    plural: 'external_references',
    singular: 'external_reference',
    idBase: 10000,
    updatable: true,
    fields: {
      subject_type: { type: 'enum', values: Object.keys(REFERENCE_SUBJECTS), required: true, createOnly: true },
      subject_id: { type: 'string', required: true, createOnly: true, maxLength: 20 },
      service_name: { type: 'string', required: true, maxLength: 255 },
      service_model: { type: 'string', required: true, maxLength: 255 },
      service_model_ref: { type: 'string', required: true, maxLength: 255 },
      external_id: { type: 'string', maxLength: 255 },
      external_status: { type: 'string', maxLength: 255 },
      external_link: { type: 'string', maxLength: 2000 },
    },
    filters: {
      subject_type: by('subject_type'),
      subject_id: by('subject_id'),
      service_name: by('service_name'),
      service_model: by('service_model'),
      service_model_ref: by('service_model_ref'),
      external_id: by('external_id'),
    },
    includes: {},
  },
];

export const RESOURCES: ReadonlyMap<string, ResourceDef> = new Map(definitions.map((d) => [d.plural, d]));

/** The resource of a path segment (`time_entries` or `time_entries.json`). */
export function resourceOf(segment: string): ResourceDef | undefined {
  return RESOURCES.get(segment.replace(/\.json$/, ''));
}
