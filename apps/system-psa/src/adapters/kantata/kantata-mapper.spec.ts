import {
  validateContract,
  ProjectDto,
  TimeEntryDto,
  MilestoneDto,
  RateCardDto,
  AssignmentDto,
  PsaUserDto,
  ExpenseDto,
} from '@app/contracts';
import {
  centsToMinor,
  fallbackId,
  kantataIdOf,
  KantataMappingError,
  kantataTimeToIso,
  minorToCents,
  roleCode,
  toCanonicalAssignment,
  toCanonicalExpense,
  toCanonicalMilestone,
  toCanonicalProject,
  toCanonicalRateCard,
  toCanonicalTimeEntry,
  toCanonicalUser,
  toKantataWorkspace,
} from './kantata-mapper';
import { KantataStory, KantataTimeEntry, KantataWorkspace } from './kantata.types';

const workspace: KantataWorkspace = {
  id: '1000',
  title: 'Acme - ERP',
  description: null,
  budgeted: true,
  price_in_cents: 4800000,
  currency: 'USD',
  start_date: '2025-05-01',
  due_date: '2025-12-19',
  status: 'on_hold',
  archived: false,
  updated_at: '2025-06-01T08:00:00-07:00',
};
const refs = {
  project: 'PRJ-1',
  customer: 'ACC-1',
  contract: 'CTR-1',
  legal_entity: 'US-01',
  billing_model: 'fixed-fee',
};

describe('Kantata mapper', () => {
  it('maps a workspace and its references to a canonical project, field by field', () => {
    const project = toCanonicalProject(workspace, refs);
    expect(project).toEqual({
      id: 'PRJ-1',
      crossReferences: { kantata: '1000' },
      updatedAt: '2025-06-01T15:00:00.000Z',
      name: 'Acme - ERP',
      customerId: 'ACC-1',
      contractId: 'CTR-1',
      legalEntityId: 'US-01',
      billingModel: 'fixed-fee',
      status: 'on-hold',
      currency: 'USD',
      startDate: '2025-05-01',
      endDate: '2025-12-19',
      budget: { amountMinor: 4800000, currency: 'USD' },
    });
    expect(validateContract(ProjectDto, project).problems).toEqual([]);
  });

  it('refuses a workspace the canonical model cannot hold', () => {
    expect(() => toCanonicalProject(workspace, { ...refs, contract: undefined })).toThrow(KantataMappingError);
    expect(() => toCanonicalProject(workspace, { ...refs, billing_model: 'barter' })).toThrow(/billing model/);
    expect(() => toCanonicalProject({ ...workspace, start_date: null }, refs)).toThrow(/start_date/);
  });

  it('maps statuses both ways and archived active workspaces as completed', () => {
    expect(toCanonicalProject({ ...workspace, status: 'not_started' }, refs).status).toBe('planned');
    expect(toCanonicalProject({ ...workspace, status: 'active', archived: true }, refs).status).toBe('completed');
    expect(
      toKantataWorkspace({
        name: 'N',
        currency: 'EUR',
        startDate: '2025-01-01',
        status: 'on-hold',
        budget: { amountMinor: 150, currency: 'EUR' },
      }),
    ).toEqual({
      title: 'N',
      currency: 'EUR',
      start_date: '2025-01-01',
      due_date: null,
      budgeted: true,
      price_in_cents: 150,
      status: 'on_hold',
      description: null,
      creator_role: 'maven',
    });
  });

  it('converts cents to minor units by the currency exponent', () => {
    expect(centsToMinor(12345, 'USD')).toBe(12345);
    expect(centsToMinor(150000, 'JPY')).toBe(1500);
    expect(centsToMinor(100, 'KWD')).toBe(1000);
    expect(() => centsToMinor(150050, 'JPY')).toThrow(KantataMappingError);
    expect(minorToCents(1500, 'JPY')).toBe(150000);
    expect(minorToCents(1000, 'KWD')).toBe(100);
    expect(() => minorToCents(1001, 'KWD')).toThrow(KantataMappingError);
  });

  it('maps time entries: status from approved/is_invoiced, approval time from updated_at', () => {
    const te: KantataTimeEntry = {
      id: '500001',
      workspace_id: '1000',
      user_id: '2000',
      story_id: null,
      date_performed: '2025-06-02',
      time_in_minutes: 450,
      billable: true,
      notes: 'Design',
      rate_in_cents: 27500,
      cost_rate_in_cents: 9000,
      currency: 'USD',
      approved: true,
      is_invoiced: false,
      created_at: '2025-06-02T08:00:00+00:00',
      updated_at: '2025-06-03T09:30:00+00:00',
    };
    const dto = toCanonicalTimeEntry(te, { id: 'TE-1', projectId: 'PRJ-1', workerId: 'W-1' });
    expect(dto).toEqual({
      id: 'TE-1',
      crossReferences: { kantata: '500001' },
      updatedAt: '2025-06-03T09:30:00.000Z',
      workerId: 'W-1',
      projectId: 'PRJ-1',
      date: '2025-06-02',
      minutes: 450,
      billable: true,
      status: 'approved',
      description: 'Design',
      approvedAt: '2025-06-03T09:30:00.000Z',
    });
    expect(validateContract(TimeEntryDto, dto).problems).toEqual([]);
    expect(toCanonicalTimeEntry({ ...te, is_invoiced: true }, { id: 'x', projectId: 'p', workerId: 'w' }).status).toBe(
      'invoiced',
    );
    const open = toCanonicalTimeEntry(
      { ...te, approved: false, notes: null },
      { id: 'x', projectId: 'p', workerId: 'w' },
    );
    expect(open.status).toBe('submitted');
    expect(open).not.toHaveProperty('approvedAt');
    expect(open).not.toHaveProperty('description');
  });

  it('maps milestones, participations, users and expenses', () => {
    const story: KantataStory = {
      id: '4000',
      workspace_id: '1000',
      title: 'Go live',
      story_type: 'milestone',
      state: 'completed',
      due_date: '2025-06-30',
      budget_estimate_in_cents: 500000,
      updated_at: '2025-06-30T17:00:00+00:00',
    };
    const milestone = toCanonicalMilestone(story, {
      id: 'MS-1',
      projectId: 'PRJ-1',
      contractId: 'CTR-1',
      currency: 'EUR',
    });
    expect(milestone).toEqual({
      id: 'MS-1',
      crossReferences: { kantata: '4000' },
      updatedAt: '2025-06-30T17:00:00.000Z',
      projectId: 'PRJ-1',
      contractId: 'CTR-1',
      name: 'Go live',
      amount: { amountMinor: 500000, currency: 'EUR' },
      status: 'completed',
      dueDate: '2025-06-30',
      completedAt: '2025-06-30T17:00:00.000Z',
    });
    expect(validateContract(MilestoneDto, milestone).problems).toEqual([]);
    expect(
      toCanonicalMilestone(
        { ...story, state: 'blocked' },
        { id: 'm', projectId: 'p', contractId: 'c', currency: 'EUR' },
      ).status,
    ).toBe('in-progress');
    const assignment = toCanonicalAssignment(
      { id: '3000', workspace_id: '1000', user_id: '2000', role_id: '101', updated_at: '2025-06-01T08:00:00+00:00' },
      {
        id: 'AS-1',
        projectId: 'PRJ-1',
        workerId: 'W-1',
        role: 'senior-consultant',
        startDate: '2025-05-01',
        endDate: '2025-12-19',
      },
    );
    expect(assignment).toMatchObject({
      version: 1748764800,
      status: 'confirmed',
      allocationPercent: 100,
      endDate: '2025-12-19',
    });
    expect(validateContract(AssignmentDto, assignment).problems).toEqual([]);
    const user = toCanonicalUser(
      {
        id: '2000',
        full_name: 'Ava T',
        email_address: 'ava@x.example',
        role_id: '100',
        disabled: false,
        updated_at: '2025-06-01T08:00:00+00:00',
      },
      'kantata-user-2000',
      'Senior Consultant',
    );
    expect(user).toEqual({
      id: 'kantata-user-2000',
      crossReferences: { kantata: '2000' },
      updatedAt: '2025-06-01T08:00:00.000Z',
      name: 'Ava T',
      email: 'ava@x.example',
      role: 'senior-consultant',
      active: true,
    });
    expect(validateContract(PsaUserDto, user).problems).toEqual([]);
    const expense = toCanonicalExpense(
      {
        id: '600000',
        workspace_id: '1000',
        user_id: '2000',
        date: '2025-06-10',
        amount_in_cents: 48250,
        currency: 'USD',
        category: 'hotel',
        notes: null,
        billable: true,
        approved: true,
        is_invoiced: false,
        updated_at: '2025-06-10T08:00:00+00:00',
      },
      { id: 'EX-1', projectId: 'PRJ-1', workerId: 'W-1' },
    );
    expect(expense).toMatchObject({
      category: 'other',
      amount: { amountMinor: 48250, currency: 'USD' },
      status: 'approved',
      reimbursable: true,
    });
    expect(validateContract(ExpenseDto, expense).problems).toEqual([]);
  });

  it('maps a rate card per currency with effective-dated versions', () => {
    const card = toCanonicalRateCard(
      { id: '900', rate_card_set_id: '800', currency: 'USD' },
      { id: '800', title: 'Standard' },
      [
        { id: '851', rate_card_set_id: '800', effective_date: '2025-07-01' },
        { id: '850', rate_card_set_id: '800', effective_date: '2025-01-01' },
      ],
      [
        { id: '951', rate_card_id: '900', rate_card_set_version_id: '851' },
        { id: '950', rate_card_id: '900', rate_card_set_version_id: '850' },
        { id: '952', rate_card_id: '901', rate_card_set_version_id: '850' },
      ],
      [
        { id: '1', rate_card_version_id: '950', role_id: '100', rate_in_cents: 42500 },
        { id: '2', rate_card_version_id: '951', role_id: '100', rate_in_cents: 44625 },
      ],
      new Map([['100', 'Partner']]),
    );
    expect(card).toEqual({
      id: 'kantata-rate-card-900',
      crossReferences: { kantata: '900' },
      name: 'Standard (USD)',
      currency: 'USD',
      versions: [
        {
          id: 'kantata-rate-card-version-950',
          version: 1,
          effectiveFrom: '2025-01-01',
          effectiveTo: '2025-07-01',
          billRates: [{ role: 'partner', hourlyRate: { amountMinor: 42500, currency: 'USD' } }],
        },
        {
          id: 'kantata-rate-card-version-951',
          version: 2,
          effectiveFrom: '2025-07-01',
          billRates: [{ role: 'partner', hourlyRate: { amountMinor: 44625, currency: 'USD' } }],
        },
      ],
    });
    expect(validateContract(RateCardDto, card).problems).toEqual([]);
  });

  it('has helpers for ids, roles and timestamps', () => {
    expect(roleCode(' Senior  Consultant ')).toBe('senior-consultant');
    expect(fallbackId('user', '2000')).toBe('kantata-user-2000');
    expect(kantataIdOf('user', 'kantata-user-2000')).toBe('2000');
    expect(kantataIdOf('user', 'W-1')).toBeUndefined();
    expect(kantataTimeToIso('2025-06-01T08:00:00-07:00')).toBe('2025-06-01T15:00:00.000Z');
    expect(() => kantataTimeToIso('soon')).toThrow(KantataMappingError);
  });
});
