import {
  AssignmentDto,
  ExpenseDto,
  MilestoneDto,
  ProjectDto,
  PsaUserDto,
  PsaUserInputDto,
  PsaUserPatchDto,
  RateCardDto,
  TimeEntryDto,
} from '@app/contracts';
import { BadGatewayProblem, ConflictProblem, NotFoundProblem, QueryValue, UnprocessableProblem } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import {
  ChangeFeedKind,
  ChangeValue,
  Created,
  NewAssignment,
  NewMilestone,
  NewProject,
  NewRateCardVersion,
  ProjectPatch,
  PsaAdapter,
  PsaChange,
  TimeEntryFilter,
} from '../psa-adapter';
import { KANTATA_DEPENDENCY, KantataClient } from './kantata-client';
import {
  ASSIGNMENT_FIELDS,
  fallbackId,
  kantataIdOf,
  KantataMappingError,
  kantataTimeToIso,
  MILESTONE_FIELDS,
  minorToCents,
  PROJECT_FIELDS,
  ProjectReferences,
  roleCode,
  toCanonicalAssignment,
  toCanonicalExpense,
  toCanonicalMilestone,
  toCanonicalProject,
  toCanonicalRateCard,
  toCanonicalTimeEntry,
  toCanonicalUser,
  toKantataWorkspace,
  toKantataWorkspacePatch,
  USER_FIELDS,
} from './kantata-mapper';
import {
  KantataExpense,
  KantataExternalReference,
  KantataParticipation,
  KantataRateCard,
  KantataRateCardRole,
  KantataRateCardSet,
  KantataRateCardSetVersion,
  KantataRateCardVersion,
  KantataRole,
  KantataStory,
  KantataTimeEntry,
  KantataUser,
  KantataWorkspace,
  recordsOf,
} from './kantata.types';

/** Our external references, indexed both ways. */
class ReferenceIndex {
  private readonly bySubject = new Map<string, KantataExternalReference>();
  private readonly byRef = new Map<string, KantataExternalReference>();

  constructor(refs: KantataExternalReference[]) {
    for (const r of refs) {
      this.bySubject.set(`${r.subject_type}:${r.subject_id}:${r.service_model}`, r);
      this.byRef.set(`${r.subject_type}:${r.service_model}:${r.service_model_ref}`, r);
    }
  }

  ref(subjectType: string, subjectId: string, model: string): KantataExternalReference | undefined {
    return this.bySubject.get(`${subjectType}:${subjectId}:${model}`);
  }

  subject(subjectType: string, model: string, ref: string): string | undefined {
    return this.byRef.get(`${subjectType}:${model}:${ref}`)?.subject_id;
  }

  /** The canonical value of a reference (`external_id` when set, else the reference itself). */
  value(subjectType: string, subjectId: string, model: string): string | undefined {
    const r = this.ref(subjectType, subjectId, model);
    return r ? (r.external_id ?? r.service_model_ref) : undefined;
  }

  projectRefs(workspaceId: string): ProjectReferences {
    return {
      project: this.ref('workspace', workspaceId, 'project')?.service_model_ref,
      customer: this.value('workspace', workspaceId, 'customer'),
      contract: this.value('workspace', workspaceId, 'contract'),
      legal_entity: this.value('workspace', workspaceId, 'legal_entity'),
      billing_model: this.value('workspace', workspaceId, 'billing_model'),
    };
  }

  projectId(workspaceId: string): string {
    return this.ref('workspace', workspaceId, 'project')?.service_model_ref ?? fallbackId('workspace', workspaceId);
  }

  userId(userId: string): string {
    return this.ref('user', userId, 'worker')?.service_model_ref ?? fallbackId('user', userId);
  }

  id(subjectType: string, subjectId: string, model: string, kind: string): string {
    return this.ref(subjectType, subjectId, model)?.service_model_ref ?? fallbackId(kind, subjectId);
  }
}

interface FeedSpec<T> {
  plural: string;
  query: Record<string, QueryValue>;
  stateQuery: (state: string) => Record<string, QueryValue>;
  map: (record: never, ctx: FeedContext) => PsaChange<T>;
}

interface FeedContext {
  refs: ReferenceIndex;
  workspaces: Map<string, KantataWorkspace>;
}

/** PsaAdapter for Kantata OX (API v1). */
@Injectable()
export class KantataPsaAdapter implements PsaAdapter {
  readonly system = KANTATA_DEPENDENCY;
  private readonly log = new Logger('KantataPsaAdapter');

  constructor(private readonly client: KantataClient) {}

  // --- projects -------------------------------------------------------------------------------

  async listProjects(): Promise<ProjectDto[]> {
    const [{ records }, refs] = await Promise.all([
      this.client.listAll<KantataWorkspace>('workspaces'),
      this.references('workspace'),
    ]);
    const projects: ProjectDto[] = [];
    for (const ws of records) {
      try {
        projects.push(toCanonicalProject(ws, refs.projectRefs(ws.id)));
      } catch (e) {
        if (!(e instanceof KantataMappingError)) throw e;
        this.log.debug({ workspaceId: ws.id, reason: e.message }, 'workspace left out: not a canonical project');
      }
    }
    return projects;
  }

  async getProject(id: string): Promise<ProjectDto | undefined> {
    const workspaceId = await this.workspaceIdOf(id);
    if (!workspaceId) return undefined;
    const found = await this.client.getOne<KantataWorkspace>('workspaces', workspaceId);
    if (!found) return undefined;
    const refs = await this.references('workspace', workspaceId);
    return this.mapOrBadGateway(() => toCanonicalProject(found.record, refs.projectRefs(workspaceId)));
  }

  async createProject(project: NewProject): Promise<Created<ProjectDto>> {
    const attribute = (model: string, value: string) => ({
      service_name: this.client.serviceName,
      service_model: model,
      service_model_ref: `${project.id}:${value}`,
      external_id: value,
    });
    const { id, created } = await this.client.createOnce(
      'workspaces',
      'workspace',
      {
        ...toKantataWorkspace(project),
        external_references: [
          attribute('customer', project.customerId),
          attribute('contract', project.contractId),
          attribute('legal_entity', project.legalEntityId),
          attribute('billing_model', project.billingModel),
        ],
      },
      { model: 'project', ref: project.id },
      PROJECT_FIELDS,
      'project',
    );
    const value = await this.getProject(id);
    if (!value) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: workspace ${id} vanished after its create`);
    return { value, created };
  }

  /** `PUT /workspaces/{id}` with the fields present (price_in_cents, due_date, status, archived). */
  async updateProject(id: string, patch: ProjectPatch): Promise<ProjectDto | undefined> {
    const workspaceId = await this.workspaceIdOf(id);
    const found = workspaceId ? await this.client.getOne<KantataWorkspace>('workspaces', workspaceId) : undefined;
    if (!found) return undefined;
    const ws = found.record;
    const errors: Array<{ field: string; message: string }> = [];
    if (patch.budget && patch.budget.currency !== ws.currency)
      errors.push({ field: 'budget.currency', message: `must be the project currency ${ws.currency}` });
    if (patch.endDate && ws.start_date && patch.endDate < ws.start_date)
      errors.push({ field: 'endDate', message: `must not be before the start date ${ws.start_date}` });
    if (errors.length)
      throw new UnprocessableProblem(errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
    const body = toKantataWorkspacePatch(patch);
    if (Object.keys(body).length > 0)
      await this.client.request(
        { method: 'PUT', path: `/workspaces/${ws.id}`, body: { workspace: body } },
        PROJECT_FIELDS,
        'project',
      );
    return this.getProject(id);
  }

  // --- users and assignments --------------------------------------------------------------------

  async listUsers(filter: { email?: string }): Promise<PsaUserDto[]> {
    const query: Record<string, QueryValue> = { include: 'role' };
    if (filter.email) query.by_email_address = filter.email;
    const [{ records, included }, refs] = await Promise.all([
      this.client.listAll<KantataUser>('users', query),
      this.references('user'),
    ]);
    const roles = new Map<string, string>();
    for (const env of included)
      for (const r of Object.values((env.roles ?? {}) as Record<string, KantataRole>)) roles.set(r.id, r.name);
    return records.map((u) =>
      toCanonicalUser(
        u,
        refs.userId(u.id),
        u.role_id ? roles.get(u.role_id) : undefined,
        refs.ref('user', u.id, 'worker')?.service_model_ref,
      ),
    );
  }

  async getUser(id: string): Promise<PsaUserDto | undefined> {
    const found = await this.resolveUser(id);
    return found ? this.userDto(found) : undefined;
  }

  /**
   * The worker's user, once: our `worker` external reference is looked up first (createOnce). A user
   * invited by hand with the same work email and no worker reference is linked (the reference added)
   * instead of a second user; one linked to another worker is a 409.
   */
  async createUser(input: PsaUserInputDto): Promise<Created<PsaUserDto>> {
    const roleId = input.role ? await this.roleIdOf(input.role) : null;
    const known = await this.client.findReference('user', { model: 'worker', ref: input.id });
    if (!known) {
      const sameEmail = (
        await this.client.listAll<KantataUser>('users', { by_email_address: input.email })
      ).records.find((u) => u.email_address.toLowerCase() === input.email.toLowerCase());
      if (sameEmail) {
        const linked = await this.references('user', sameEmail.id);
        const other = linked.ref('user', sameEmail.id, 'worker')?.service_model_ref;
        if (other && other !== input.id)
          throw new ConflictProblem(`${this.system} user ${sameEmail.id} with ${input.email} is worker ${other}'s`, {
            errors: [{ field: 'email', message: `already the email of worker ${other}'s ${this.system} user` }],
          });
        if (!other) {
          const reference = {
            subject_type: 'user',
            subject_id: sameEmail.id,
            service_name: this.client.serviceName,
            service_model: 'worker',
            service_model_ref: input.id,
          };
          await this.client.request(
            { method: 'POST', path: '/external_references', body: { external_references: [reference] } },
            USER_FIELDS,
            'user reference',
          );
        }
        return { value: (await this.updateUser(input.id, input))!, created: false };
      }
    }
    const { id, created } = await this.client.createOnce(
      'users',
      'user',
      {
        full_name: input.name,
        email_address: input.email,
        role_id: roleId,
        disabled: input.active === false,
      },
      { model: 'worker', ref: input.id },
      USER_FIELDS,
      'user',
    );
    const value = await this.getUser(id);
    if (!value) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: user ${id} vanished after its create`);
    return { value, created };
  }

  /**
   * `PUT /users/{id}` with the fields that differ from what Kantata holds (`disabled` for active); no
   * call at all when nothing differs. Two reads in the usual case (the reference, the user).
   */
  async updateUser(id: string, patch: PsaUserPatchDto): Promise<PsaUserDto | undefined> {
    const found = await this.resolveUser(id);
    if (!found) return undefined;
    const current = found.record;
    const user: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== current.full_name) user.full_name = patch.name;
    if (patch.email !== undefined && patch.email.toLowerCase() !== current.email_address.toLowerCase())
      user.email_address = patch.email;
    if (patch.role !== undefined && patch.role !== (found.roleName ? roleCode(found.roleName) : undefined))
      user.role_id = await this.roleIdOf(patch.role);
    if (patch.active !== undefined && patch.active !== (current.disabled !== true)) user.disabled = !patch.active;
    if (Object.keys(user).length === 0) return this.userDto(found);
    await this.client.request({ method: 'PUT', path: `/users/${current.id}`, body: { user } }, USER_FIELDS, 'user');
    const updated = await this.resolveUser(current.id);
    return updated ? this.userDto({ ...updated, workerId: updated.workerId ?? found.workerId }) : undefined;
  }

  /** The Kantata user behind an id, with its role name and the worker it is linked to (when known). */
  private async resolveUser(
    id: string,
  ): Promise<{ record: KantataUser; roleName?: string; workerId?: string } | undefined> {
    const direct = kantataIdOf('user', id) ?? (/^\d+$/.test(id) ? id : undefined);
    const reference = direct ? undefined : await this.client.findReference('user', { model: 'worker', ref: id });
    const userId = direct ?? reference?.subject_id;
    if (!userId) return undefined;
    const found = await this.client.getOne<KantataUser>('users', userId, { include: 'role' });
    if (!found) return undefined;
    const roles = (found.envelope.roles ?? {}) as Record<string, KantataRole>;
    const roleName = found.record.role_id ? roles[found.record.role_id]?.name : undefined;
    const workerId = reference
      ? reference.service_model_ref
      : (await this.references('user', userId)).ref('user', userId, 'worker')?.service_model_ref;
    return { record: found.record, roleName, workerId };
  }

  private userDto(found: { record: KantataUser; roleName?: string; workerId?: string }): PsaUserDto {
    return toCanonicalUser(
      found.record,
      found.workerId ?? fallbackId('user', found.record.id),
      found.roleName,
      found.workerId,
    );
  }

  async listAssignments(projectId: string): Promise<AssignmentDto[]> {
    const workspace = await this.requireWorkspace(projectId);
    const [{ records }, refs, roles] = await Promise.all([
      this.client.listAll<KantataParticipation>('participations', { workspace_id: workspace.id }),
      this.references(),
      this.roles(),
    ]);
    return records.map((p) => this.toAssignment(p, workspace, refs, roles));
  }

  async createAssignment(input: NewAssignment): Promise<Created<AssignmentDto>> {
    const workspace = await this.requireWorkspace(input.projectId);
    const userId = await this.userIdOf(input.userId);
    if (!userId) {
      throw new UnprocessableProblem(`no ${this.system} user ${input.userId}`, {
        vendor: this.system,
        errors: [{ field: 'userId', message: `userId ${input.userId} is not a user of ${this.system}` }],
      });
    }
    const roles = await this.roles();
    let roleId: string | null = null;
    if (input.role) {
      roleId = [...roles].find(([, name]) => roleCode(name) === input.role)?.[0] ?? null;
      if (!roleId)
        throw new UnprocessableProblem(`role ${input.role} is unknown to ${this.system}`, {
          vendor: this.system,
          errors: [{ field: 'role', message: `role ${input.role} has no ${this.system} role` }],
        });
    }
    let result: { id: string; created: boolean };
    try {
      result = await this.client.createOnce(
        'participations',
        'participation',
        { workspace_id: workspace.id, user_id: userId, role_id: roleId },
        { model: 'assignment', ref: `${input.projectId}:${input.userId}` },
        ASSIGNMENT_FIELDS,
        'assignment',
      );
    } catch (e) {
      // Already staffed outside this API (no reference of ours): the existing participation is the assignment.
      const existing = e instanceof UnprocessableProblem ? await this.participation(workspace.id, userId) : undefined;
      if (!existing) throw e;
      result = { id: existing.id, created: false };
    }
    const [{ records }, refs] = await Promise.all([
      this.client.listAll<KantataParticipation>('participations', { only: result.id }),
      this.references(),
    ]);
    if (!records[0])
      throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: participation ${result.id} not found after its create`);
    return { value: this.toAssignment(records[0], workspace, refs, roles), created: result.created };
  }

  // --- milestones ---------------------------------------------------------------------------------

  async listMilestones(projectId: string): Promise<MilestoneDto[]> {
    const workspace = await this.requireWorkspace(projectId);
    const [{ records }, refs] = await Promise.all([
      this.client.listAll<KantataStory>('stories', { workspace_id: workspace.id, story_type: 'milestone' }),
      this.references(),
    ]);
    return records.map((s) => this.toMilestone(s, workspace, refs));
  }

  async createMilestone(input: NewMilestone): Promise<Created<MilestoneDto>> {
    const workspace = await this.requireWorkspace(input.projectId);
    if (input.amount.currency !== workspace.currency) {
      throw new UnprocessableProblem(`the milestone amount must be in the project currency ${workspace.currency}`, {
        errors: [{ field: 'amount.currency', message: `must be ${workspace.currency}` }],
      });
    }
    const { id, created } = await this.client.createOnce(
      'stories',
      'story',
      {
        workspace_id: workspace.id,
        title: input.name,
        story_type: 'milestone',
        due_date: input.dueDate ?? null,
        budget_estimate_in_cents: minorToCents(input.amount.amountMinor, input.amount.currency),
      },
      { model: 'milestone', ref: input.id },
      MILESTONE_FIELDS,
      'milestone',
    );
    const [found, refs] = await Promise.all([this.client.getOne<KantataStory>('stories', id), this.references()]);
    if (!found) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: story ${id} not found after its create`);
    return { value: this.toMilestone(found.record, workspace, refs), created };
  }

  async upsertMilestone(input: NewMilestone): Promise<Created<MilestoneDto>> {
    const ref = await this.client.findReference('story', { model: 'milestone', ref: input.id });
    if (!ref) return this.createMilestone(input);
    const workspace = await this.requireWorkspace(input.projectId);
    if (input.amount.currency !== workspace.currency) {
      throw new UnprocessableProblem(`the milestone amount must be in the project currency ${workspace.currency}`, {
        errors: [{ field: 'amount.currency', message: `must be ${workspace.currency}` }],
      });
    }
    const story = await this.client.getOne<KantataStory>('stories', ref.subject_id);
    if (!story || story.record.workspace_id !== workspace.id)
      throw new UnprocessableProblem(`milestone ${input.id} belongs to another project`, {
        errors: [{ field: 'id', message: `milestone ${input.id} is not a milestone of project ${input.projectId}` }],
      });
    const cents = minorToCents(input.amount.amountMinor, input.amount.currency);
    const wanted = { title: input.name, due_date: input.dueDate ?? null, budget_estimate_in_cents: cents };
    const current = story.record;
    let record = current;
    if (
      current.title !== wanted.title ||
      (current.due_date ?? null) !== wanted.due_date ||
      (current.budget_estimate_in_cents ?? null) !== wanted.budget_estimate_in_cents
    ) {
      const res = await this.client.request(
        { method: 'PUT', path: `/stories/${current.id}`, body: { story: wanted } },
        MILESTONE_FIELDS,
        'milestone',
      );
      record = recordsOf<KantataStory>(res.body, 'stories')[0] ?? { ...current, ...wanted };
    }
    return { value: this.toMilestone(record, workspace, await this.references()), created: false };
  }

  // --- time and expenses --------------------------------------------------------------------------

  async listTimeEntries(filter: TimeEntryFilter): Promise<TimeEntryDto[]> {
    const query: Record<string, QueryValue> = {};
    if (filter.projectId) query.workspace_id = (await this.requireWorkspace(filter.projectId)).id;
    if (filter.from || filter.to)
      query.date_performed_between = `${filter.from ?? '1900-01-01'}:${filter.to ?? '2999-12-31'}`;
    if (filter.status) query.approved = filter.status === 'approved';
    const [{ records }, refs] = await Promise.all([
      this.client.listAll<KantataTimeEntry>('time_entries', query),
      this.references(),
    ]);
    return records.map((t) => this.mapOrBadGateway(() => this.toTimeEntry(t, refs)));
  }

  async listExpenses(filter: { projectId?: string }): Promise<ExpenseDto[]> {
    const query: Record<string, QueryValue> = {};
    if (filter.projectId) query.workspace_id = (await this.requireWorkspace(filter.projectId)).id;
    const [{ records }, refs] = await Promise.all([
      this.client.listAll<KantataExpense>('expenses', query),
      this.references(),
    ]);
    return records.map((e) => this.mapOrBadGateway(() => this.toExpense(e, refs)));
  }

  // --- rate cards ---------------------------------------------------------------------------------

  async listRateCards(): Promise<RateCardDto[]> {
    const [sets, setVersions, cards, versions, roles] = await Promise.all([
      this.client.listAll<KantataRateCardSet>('rate_card_sets'),
      this.client.listAll<KantataRateCardSetVersion>('rate_card_set_versions'),
      this.client.listAll<KantataRateCard>('rate_cards'),
      this.client.listAll<KantataRateCardVersion>('rate_card_versions', { include: 'rate_card_roles' }),
      this.roles(),
    ]);
    const cardRoles = versions.included.flatMap((env) =>
      Object.values((env.rate_card_roles ?? {}) as Record<string, KantataRateCardRole>),
    );
    const setsById = new Map(sets.records.map((s) => [s.id, s]));
    return cards.records.flatMap((card) => {
      const set = setsById.get(card.rate_card_set_id);
      if (!set) return [];
      return [
        this.mapOrBadGateway(() =>
          toCanonicalRateCard(
            card,
            set,
            setVersions.records.filter((v) => v.rate_card_set_id === set.id),
            versions.records,
            cardRoles,
            roles,
          ),
        ),
      ];
    });
  }

  /**
   * Kantata versions a rate card set by `rate_card_set_versions.effective_date`; each card (currency)
   * has a `rate_card_version` per set version with its `rate_card_roles`. A new version: the set version
   * of that date (found or created), this card's version in it (found or created), then each role's rate
   * (found or created). A version is open-ended until the next set version, so the date must come after
   * every existing one. A retry converges; the same date with other rates is a conflict.
   */
  async createRateCardVersion(
    rateCardId: string,
    input: NewRateCardVersion,
  ): Promise<Created<RateCardDto> | undefined> {
    const cardId = kantataIdOf('rate-card', rateCardId) ?? (/^\d+$/.test(rateCardId) ? rateCardId : undefined);
    const card = cardId ? await this.client.getOne<KantataRateCard>('rate_cards', cardId) : undefined;
    if (!card) return undefined;
    const { currency, rate_card_set_id: setId } = card.record;
    const errors: Array<{ field: string; message: string }> = [];
    input.billRates.forEach((r, i) => {
      if (r.hourlyRate.currency !== currency)
        errors.push({ field: `billRates[${i}].hourlyRate.currency`, message: `must be the card currency ${currency}` });
    });
    const roles = await this.roles();
    const roleIds = new Map<string, string>();
    input.billRates.forEach((r, i) => {
      const roleId = [...roles].find(([, name]) => roleCode(name) === r.role)?.[0];
      if (!roleId)
        errors.push({ field: `billRates[${i}].role`, message: `role ${r.role} is unknown to ${this.system}` });
      else if ([...roleIds.keys()].includes(r.role))
        errors.push({ field: `billRates[${i}].role`, message: `role ${r.role} appears twice` });
      else roleIds.set(r.role, roleId);
    });
    if (errors.length)
      throw new UnprocessableProblem(errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });

    const setVersions = (
      await this.client.listAll<KantataRateCardSetVersion>('rate_card_set_versions', { rate_card_set_id: setId })
    ).records;
    const cardVersions = (
      await this.client.listAll<KantataRateCardVersion>('rate_card_versions', { rate_card_id: cardId! })
    ).records;
    const datesOfCard = new Map(setVersions.map((v) => [v.id, v.effective_date]));
    let setVersion = setVersions.find((v) => v.effective_date === input.effectiveFrom);
    let cardVersion = setVersion && cardVersions.find((v) => v.rate_card_set_version_id === setVersion!.id);
    const later = cardVersions
      .map((v) => datesOfCard.get(v.rate_card_set_version_id))
      .filter((d): d is string => d !== undefined && d >= input.effectiveFrom && d !== input.effectiveFrom);
    if (!cardVersion && later.length > 0)
      throw new ConflictProblem(
        `rate card ${rateCardId} already has a version effective ${later.sort()[later.length - 1]}: a new version must start after it`,
        { errors: [{ field: 'effectiveFrom', message: `must be after ${later.sort()[later.length - 1]}` }] },
      );
    let created = false;
    if (!setVersion) {
      const res = await this.client.request(
        {
          method: 'POST',
          path: '/rate_card_set_versions',
          body: { rate_card_set_versions: [{ rate_card_set_id: setId, effective_date: input.effectiveFrom }] },
        },
        { effective_date: 'effectiveFrom' },
        'rate card version',
      );
      setVersion = recordsOf<KantataRateCardSetVersion>(res.body, 'rate_card_set_versions')[0];
      created = true;
    }
    if (!cardVersion) {
      const res = await this.client.request(
        {
          method: 'POST',
          path: '/rate_card_versions',
          body: { rate_card_versions: [{ rate_card_id: cardId, rate_card_set_version_id: setVersion.id }] },
        },
        {},
        'rate card version',
      );
      cardVersion = recordsOf<KantataRateCardVersion>(res.body, 'rate_card_versions')[0];
      created = true;
    }
    const existing = (
      await this.client.listAll<KantataRateCardRole>('rate_card_roles', { rate_card_version_id: cardVersion.id })
    ).records;
    const missing: Array<Record<string, unknown>> = [];
    for (const r of input.billRates) {
      const cents = minorToCents(r.hourlyRate.amountMinor, currency);
      const roleId = roleIds.get(r.role)!;
      const have = existing.find((e) => e.role_id === roleId);
      if (have && have.rate_in_cents !== cents)
        throw new ConflictProblem(
          `rate card ${rateCardId} already has a version effective ${input.effectiveFrom} with another rate for ${r.role}`,
          {
            errors: [{ field: 'effectiveFrom', message: `a version effective ${input.effectiveFrom} already exists` }],
          },
        );
      if (!have) missing.push({ rate_card_version_id: cardVersion.id, role_id: roleId, rate_in_cents: cents });
    }
    if (missing.length > 0) {
      await this.client.request(
        { method: 'POST', path: '/rate_card_roles', body: { rate_card_roles: missing } },
        { rate_in_cents: 'hourlyRate' },
        'rate card version',
      );
      created = true;
    }
    const value = (await this.listRateCards()).find((c) => c.crossReferences?.[KANTATA_DEPENDENCY] === cardId);
    if (!value) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: rate card ${cardId} vanished`);
    return { value, created };
  }

  // --- change feeds -------------------------------------------------------------------------------

  async *changesSince<K extends ChangeFeedKind>(kind: K, since: Date): AsyncIterable<Array<PsaChange<ChangeValue<K>>>> {
    const spec = this.feed(kind);
    const ctx = await this.feedContext(kind);
    let after = since;
    let page = 1;
    for (;;) {
      const res = await this.client.request({
        method: 'GET',
        path: `/${spec.plural}`,
        query: {
          ...spec.query,
          updated_after: after.toISOString(),
          order: 'updated_at:asc',
          page,
          per_page: this.pageSize,
        },
      });
      const records = recordsOf<{ updated_at: string }>(res.body, spec.plural);
      if (records.length === 0) return;
      yield this.mapFeed(spec, records, ctx) as Array<PsaChange<ChangeValue<K>>>;
      if (records.length < this.pageSize) return;
      const first = Date.parse(records[0].updated_at);
      const last = Date.parse(records[records.length - 1].updated_at);
      // Keyset paging on updated_at (whole seconds, `updated_after` is strict): re-read the last second
      // (the snapshot makes that harmless); a page all within one second moves on by page number.
      if (last > first) {
        after = new Date(last - 1000);
        page = 1;
      } else page++;
    }
  }

  async *currentInState<K extends ChangeFeedKind>(
    kind: K,
    state: string,
  ): AsyncIterable<Array<PsaChange<ChangeValue<K>>>> {
    const spec = this.feed(kind);
    const ctx = await this.feedContext(kind);
    for await (const env of this.client.pages(spec.plural, { ...spec.query, ...spec.stateQuery(state) })) {
      yield this.mapFeed(spec, recordsOf(env, spec.plural), ctx).filter((c) => c.state === state) as Array<
        PsaChange<ChangeValue<K>>
      >;
    }
  }

  private get pageSize(): number {
    return this.client.pageSize;
  }

  private mapFeed<T>(spec: FeedSpec<T>, records: unknown[], ctx: FeedContext): Array<PsaChange<T>> {
    const out: Array<PsaChange<T>> = [];
    for (const record of records) {
      try {
        out.push(spec.map(record as never, ctx));
      } catch (e) {
        if (!(e instanceof KantataMappingError)) throw e;
        this.log.warn(
          { reason: e.message, resource: spec.plural },
          'skipping a record the canonical model cannot hold',
        );
      }
    }
    return out;
  }

  private async feedContext(kind: ChangeFeedKind): Promise<FeedContext> {
    const refs = await this.references();
    const workspaces = new Map<string, KantataWorkspace>();
    if (kind === 'milestone')
      for (const ws of (await this.client.listAll<KantataWorkspace>('workspaces')).records) workspaces.set(ws.id, ws);
    return { refs, workspaces };
  }

  private feed(kind: ChangeFeedKind): FeedSpec<TimeEntryDto | ExpenseDto | MilestoneDto> {
    switch (kind) {
      case 'time_entry':
        return {
          plural: 'time_entries',
          query: {},
          stateQuery: (state) => ({ approved: state === 'approved' }),
          map: (t: KantataTimeEntry, ctx) => ({
            vendorId: t.id,
            modifiedAt: kantataTimeToIso(t.updated_at),
            state: t.approved || t.is_invoiced ? 'approved' : 'open',
            value: this.toTimeEntry(t, ctx.refs),
          }),
        };
      case 'expense':
        return {
          plural: 'expenses',
          query: {},
          stateQuery: (state) => ({ approved: state === 'approved' }),
          map: (e: KantataExpense, ctx) => ({
            vendorId: e.id,
            modifiedAt: kantataTimeToIso(e.updated_at),
            state: e.approved || e.is_invoiced ? 'approved' : 'open',
            value: this.toExpense(e, ctx.refs),
          }),
        };
      case 'milestone':
        return {
          plural: 'stories',
          query: { story_type: 'milestone' },
          stateQuery: (state) => (state === 'completed' ? { state: 'completed' } : {}),
          map: (s: KantataStory, ctx) => {
            const ws = ctx.workspaces.get(s.workspace_id);
            if (!ws) throw new KantataMappingError(`story ${s.id} belongs to an unknown workspace`);
            return {
              vendorId: s.id,
              modifiedAt: kantataTimeToIso(s.updated_at),
              state: s.state === 'completed' ? 'completed' : 'open',
              value: this.toMilestone(s, ws, ctx.refs),
            };
          },
        };
      default: {
        const exhaustive: never = kind;
        throw new Error(`unknown feed ${String(exhaustive)}`);
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private toTimeEntry(t: KantataTimeEntry, refs: ReferenceIndex): TimeEntryDto {
    return toCanonicalTimeEntry(t, {
      id: refs.id('time_entry', t.id, 'time_entry', 'time-entry'),
      projectId: refs.projectId(t.workspace_id),
      workerId: refs.userId(t.user_id),
    });
  }

  private toExpense(e: KantataExpense, refs: ReferenceIndex): ExpenseDto {
    return toCanonicalExpense(e, {
      id: refs.id('expense', e.id, 'expense', 'expense'),
      projectId: refs.projectId(e.workspace_id),
      workerId: refs.userId(e.user_id),
    });
  }

  private toMilestone(s: KantataStory, ws: KantataWorkspace, refs: ReferenceIndex): MilestoneDto {
    const contractId = refs.value('workspace', ws.id, 'contract');
    if (!contractId) throw new KantataMappingError(`workspace ${ws.id} has no contract reference`);
    return toCanonicalMilestone(s, {
      id: refs.id('story', s.id, 'milestone', 'story'),
      projectId: refs.projectId(ws.id),
      contractId,
      currency: ws.currency,
    });
  }

  private toAssignment(
    p: KantataParticipation,
    ws: KantataWorkspace,
    refs: ReferenceIndex,
    roles: Map<string, string>,
  ): AssignmentDto {
    return toCanonicalAssignment(p, {
      id: refs.id('participation', p.id, 'assignment', 'participation'),
      projectId: refs.projectId(ws.id),
      workerId: refs.userId(p.user_id),
      role: p.role_id && roles.has(p.role_id) ? roleCode(roles.get(p.role_id)!) : 'unassigned',
      startDate: ws.start_date ?? kantataTimeToIso(p.updated_at).slice(0, 10),
      endDate: ws.due_date,
    });
  }

  private async references(subjectType?: string, subjectId?: string): Promise<ReferenceIndex> {
    const query: Record<string, QueryValue> = { service_name: this.client.serviceName };
    if (subjectType) query.subject_type = subjectType;
    if (subjectId) query.subject_id = subjectId;
    return new ReferenceIndex(
      (await this.client.listAll<KantataExternalReference>('external_references', query)).records,
    );
  }

  /** The Kantata role of a role code; 422 naming `role` when Kantata has none. */
  private async roleIdOf(role: string): Promise<string> {
    const found = [...(await this.roles())].find(([, name]) => roleCode(name) === role)?.[0];
    if (!found)
      throw new UnprocessableProblem(`role ${role} is unknown to ${this.system}`, {
        vendor: this.system,
        errors: [{ field: 'role', message: `role ${role} has no ${this.system} role` }],
      });
    return found;
  }

  private async roles(): Promise<Map<string, string>> {
    return new Map((await this.client.listAll<KantataRole>('roles')).records.map((r) => [r.id, r.name]));
  }

  private async participation(workspaceId: string, userId: string): Promise<KantataParticipation | undefined> {
    const { records } = await this.client.listAll<KantataParticipation>('participations', {
      workspace_id: workspaceId,
      user_id: userId,
    });
    return records[0];
  }

  /** Kantata workspace id of a canonical project id (reference), fallback id, or Kantata id. */
  private async workspaceIdOf(id: string): Promise<string | undefined> {
    const ref = await this.client.findReference('workspace', { model: 'project', ref: id });
    if (ref) return ref.subject_id;
    return kantataIdOf('workspace', id) ?? (/^\d+$/.test(id) ? id : undefined);
  }

  private async userIdOf(id: string): Promise<string | undefined> {
    const direct = kantataIdOf('user', id) ?? (/^\d+$/.test(id) ? id : undefined);
    if (direct) return direct;
    return (await this.client.findReference('user', { model: 'worker', ref: id }))?.subject_id;
  }

  private async requireWorkspace(projectId: string): Promise<KantataWorkspace> {
    const id = await this.workspaceIdOf(projectId);
    const found = id ? await this.client.getOne<KantataWorkspace>('workspaces', id) : undefined;
    if (!found) throw new NotFoundProblem(`project ${projectId} does not exist in ${this.system}`);
    return found.record;
  }

  private mapOrBadGateway<T>(map: () => T): T {
    try {
      return map();
    } catch (e) {
      if (e instanceof KantataMappingError)
        throw new BadGatewayProblem(KANTATA_DEPENDENCY, e.message, { vendor: KANTATA_DEPENDENCY });
      throw e;
    }
  }
}
