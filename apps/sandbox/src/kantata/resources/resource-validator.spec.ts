import { RESOURCES } from './resource-definitions';
import { validateAttributes, validateRecord } from './resource-validator';

const timeEntries = RESOURCES.get('time_entries')!;
const workspaces = RESOURCES.get('workspaces')!;

describe('validateAttributes (Kantata 422 rules)', () => {
  it('applies defaults on create and lists references to check', () => {
    const v = validateAttributes(
      timeEntries,
      { workspace_id: 1000, user_id: '2000', date_performed: '2025-06-02', time_in_minutes: '90' },
      'create',
    );
    expect(v.errors).toEqual([]);
    expect(v.data).toMatchObject({
      workspace_id: '1000',
      user_id: '2000',
      time_in_minutes: 90,
      billable: true,
      approved: false,
      is_invoiced: false,
      story_id: null,
    });
    expect(v.references).toEqual([
      { field: 'workspace_id', resource: 'workspaces', ids: ['1000'] },
      { field: 'user_id', resource: 'users', ids: ['2000'] },
    ]);
  });

  it('names each invalid field', () => {
    const v = validateAttributes(
      timeEntries,
      {
        workspace_id: 'x',
        date_performed: '2025-02-30',
        time_in_minutes: 1441,
        approved: 'maybe',
        is_invoiced: true,
        colour: 'red',
      },
      'create',
    );
    expect(v.errors.map((e) => e.field).sort()).toEqual(
      ['approved', 'colour', 'date_performed', 'is_invoiced', 'time_in_minutes', 'user_id', 'workspace_id'].sort(),
    );
    expect(v.errors.find((e) => e.field === 'user_id')!.message).toBe("user_id can't be blank");
  });

  it('keeps create-only and read-only attributes out of updates', () => {
    expect(validateAttributes(workspaces, { creator_role: 'maven' }, 'update').errors[0]).toEqual({
      field: 'creator_role',
      message: 'creator_role cannot be changed',
    });
    const v = validateAttributes(workspaces, { title: 'New' }, 'update');
    expect(v).toEqual({ data: { title: 'New' }, errors: [], references: [] });
  });

  it('checks dates across fields', () => {
    expect(validateRecord(workspaces, { start_date: '2025-06-02', due_date: '2025-06-01' })).toEqual([
      { field: 'due_date', message: 'due_date must be on or after start_date' },
    ]);
  });
});
