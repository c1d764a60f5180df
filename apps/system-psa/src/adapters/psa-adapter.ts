import type {
  AssignmentDto,
  ExpenseDto,
  MilestoneDto,
  MoneyDto,
  ProjectDto,
  PsaUserDto,
  RateCardDto,
  TimeEntryDto,
} from '@app/contracts';

/** What a project create carries (the canonical project without its PSA ids). */
export type NewProject = Omit<ProjectDto, 'crossReferences' | 'updatedAt'>;

export interface NewAssignment {
  projectId: string;
  /** Canonical id of the PSA user. */
  userId: string;
  /** Role code (`senior-consultant`). */
  role?: string;
}

export interface NewMilestone {
  id: string;
  projectId: string;
  name: string;
  dueDate?: string;
  amount: MoneyDto;
}

export interface TimeEntryFilter {
  projectId?: string;
  from?: string;
  to?: string;
  status?: 'approved' | 'unapproved';
}

/** The result of a create made safe to retry: `created` is false when it already existed. */
export interface Created<T> {
  value: T;
  created: boolean;
}

/** One object of a change feed: the canonical record, the vendor's id and change clock, its state. */
export interface PsaChange<T> {
  vendorId: string;
  /** The vendor's last modification (RFC 3339 UTC). */
  modifiedAt: string;
  /** What the feed compares (`approved` / `open`, `completed` / `open`). */
  state: string;
  value: T;
}

export type ChangeFeedKind = 'time_entry' | 'expense' | 'milestone';
export type ChangeValue<K extends ChangeFeedKind> = K extends 'time_entry'
  ? TimeEntryDto
  : K extends 'expense'
    ? ExpenseDto
    : MilestoneDto;

/**
 * What system-psa needs from a PSA. One implementation per vendor (adapters/<vendor>/); callers inject
 * `PSA_ADAPTER` and never see the vendor's format.
 */
export interface PsaAdapter {
  /** Lowercase system name, the key in `crossReferences` (`kantata`). */
  readonly system: string;

  listProjects(): Promise<ProjectDto[]>;
  /** By canonical id or the vendor's id. */
  getProject(id: string): Promise<ProjectDto | undefined>;
  /** Creates the project once: a retry (or a concurrent call) with the same id returns the first one. */
  createProject(project: NewProject): Promise<Created<ProjectDto>>;

  listUsers(filter: { email?: string }): Promise<PsaUserDto[]>;

  listAssignments(projectId: string): Promise<AssignmentDto[]>;
  createAssignment(assignment: NewAssignment): Promise<Created<AssignmentDto>>;

  listMilestones(projectId: string): Promise<MilestoneDto[]>;
  createMilestone(milestone: NewMilestone): Promise<Created<MilestoneDto>>;

  listTimeEntries(filter: TimeEntryFilter): Promise<TimeEntryDto[]>;
  listExpenses(filter: { projectId?: string }): Promise<ExpenseDto[]>;

  listRateCards(): Promise<RateCardDto[]>;

  /** Objects of a feed changed after `since`, oldest change first, page by page. */
  changesSince<K extends ChangeFeedKind>(kind: K, since: Date): AsyncIterable<Array<PsaChange<ChangeValue<K>>>>;
  /** Objects of a feed already in `state` (a baseline at first start), page by page. */
  currentInState<K extends ChangeFeedKind>(kind: K, state: string): AsyncIterable<Array<PsaChange<ChangeValue<K>>>>;
}

/** Injection token of the active PsaAdapter. */
export const PSA_ADAPTER = Symbol('PSA_ADAPTER');
