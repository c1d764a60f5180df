import type {
  AssignmentDto,
  ExpenseDto,
  MilestoneDto,
  MoneyDto,
  ProjectDto,
  ProjectStatus,
  PsaUserDto,
  PsaUserInputDto,
  PsaUserPatchDto,
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

/** A partial update of a project: only the fields present change. */
export interface ProjectPatch {
  budget?: MoneyDto;
  endDate?: string;
  /** A canonical status, or `archived` (kept, read-only in the PSA: compensation or closure). */
  status?: ProjectStatus | 'archived';
}

/** A new effective-dated version of a rate card: in force from `effectiveFrom` until a later one. */
export interface NewRateCardVersion {
  effectiveFrom: string;
  billRates: Array<{ role: string; hourlyRate: MoneyDto }>;
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
  /** Changes the fields present; undefined when the project is unknown. */
  updateProject(id: string, patch: ProjectPatch): Promise<ProjectDto | undefined>;

  listUsers(filter: { email?: string }): Promise<PsaUserDto[]>;
  /** One user by canonical id (the worker id of a linked user) or the vendor's id. */
  getUser(id: string): Promise<PsaUserDto | undefined>;
  /** Creates the worker's user once: a retry (or a concurrent call) with the same id returns the first one. */
  createUser(user: PsaUserInputDto): Promise<Created<PsaUserDto>>;
  /** Changes only the fields present (`active: false` deactivates); undefined when the user is unknown. */
  updateUser(id: string, patch: PsaUserPatchDto): Promise<PsaUserDto | undefined>;

  listAssignments(projectId: string): Promise<AssignmentDto[]>;
  createAssignment(assignment: NewAssignment): Promise<Created<AssignmentDto>>;

  listMilestones(projectId: string): Promise<MilestoneDto[]>;
  createMilestone(milestone: NewMilestone): Promise<Created<MilestoneDto>>;
  /** Creates the milestone (by its canonical id) or brings name, due date and amount up to date. */
  upsertMilestone(milestone: NewMilestone): Promise<Created<MilestoneDto>>;

  listTimeEntries(filter: TimeEntryFilter): Promise<TimeEntryDto[]>;
  listExpenses(filter: { projectId?: string }): Promise<ExpenseDto[]>;

  listRateCards(): Promise<RateCardDto[]>;
  /**
   * Adds a version to a rate card, effective after every existing one (the previous open-ended version
   * then ends the day before). Safe to retry: the same date and rates answer the card (created false).
   */
  createRateCardVersion(rateCardId: string, version: NewRateCardVersion): Promise<Created<RateCardDto> | undefined>;

  /** Objects of a feed changed after `since`, oldest change first, page by page. */
  changesSince<K extends ChangeFeedKind>(kind: K, since: Date): AsyncIterable<Array<PsaChange<ChangeValue<K>>>>;
  /** Objects of a feed already in `state` (a baseline at first start), page by page. */
  currentInState<K extends ChangeFeedKind>(kind: K, state: string): AsyncIterable<Array<PsaChange<ChangeValue<K>>>>;
}

/** Injection token of the active PsaAdapter. */
export const PSA_ADAPTER = Symbol('PSA_ADAPTER');
