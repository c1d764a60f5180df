/** Kantata API v1 wire types (only what system-psa reads). */

export interface KantataEnvelope {
  count: number;
  results: Array<{ key: string; id: string }>;
  meta?: { count: number; page_count: number; page_number: number; page_size: number };
  [plural: string]: unknown;
}

export interface KantataErrorItem {
  type: string;
  message: string;
  field?: string;
}

export interface KantataTokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
}

export interface KantataWorkspace {
  id: string;
  title: string;
  description?: string | null;
  budgeted: boolean;
  price_in_cents: number | null;
  currency: string;
  start_date: string | null;
  due_date: string | null;
  status: string | null;
  archived: boolean;
  updated_at: string;
}

export interface KantataUser {
  id: string;
  full_name: string;
  email_address: string;
  role_id: string | null;
  disabled?: boolean;
  updated_at: string;
}

export interface KantataRole {
  id: string;
  name: string;
}

export interface KantataParticipation {
  id: string;
  workspace_id: string;
  user_id: string;
  role_id: string | null;
  updated_at: string;
}

export interface KantataStory {
  id: string;
  workspace_id: string;
  title: string;
  story_type: string;
  state: string;
  due_date: string | null;
  budget_estimate_in_cents: number | null;
  updated_at: string;
}

export interface KantataTimeEntry {
  id: string;
  workspace_id: string;
  user_id: string;
  story_id: string | null;
  date_performed: string;
  time_in_minutes: number;
  billable: boolean;
  notes: string | null;
  rate_in_cents: number | null;
  cost_rate_in_cents: number | null;
  currency: string | null;
  approved: boolean;
  is_invoiced: boolean;
  created_at: string;
  updated_at: string;
}

export interface KantataExpense {
  id: string;
  workspace_id: string;
  user_id: string;
  date: string;
  amount_in_cents: number;
  currency: string;
  category: string | null;
  notes: string | null;
  billable: boolean;
  reimbursable?: boolean;
  approved: boolean;
  is_invoiced: boolean;
  updated_at: string;
}

export interface KantataExternalReference {
  id: string;
  subject_type: string;
  subject_id: string;
  service_name: string;
  service_model: string;
  service_model_ref: string;
  external_id: string | null;
}

export interface KantataRateCard {
  id: string;
  rate_card_set_id: string;
  currency: string;
}

export interface KantataRateCardSet {
  id: string;
  title: string;
}

export interface KantataRateCardSetVersion {
  id: string;
  rate_card_set_id: string;
  effective_date: string;
}

export interface KantataRateCardVersion {
  id: string;
  rate_card_id: string;
  rate_card_set_version_id: string;
}

export interface KantataRateCardRole {
  id: string;
  rate_card_version_id: string;
  role_id: string;
  rate_in_cents: number;
}

/** The records of an envelope in `results` order, with the side-loaded maps. */
export function recordsOf<T>(envelope: KantataEnvelope, key: string): T[] {
  const map = (envelope[key] ?? {}) as Record<string, T>;
  return envelope.results
    .filter((r) => r.key === key)
    .map((r) => map[r.id])
    .filter((r): r is T => r !== undefined);
}
