import { KantataApiError } from '../common/kantata-api.error';
import { buildEnvelope, kantataTime } from './envelope';
import { parseListQuery } from './list-query';
import { RESOURCES } from './resource-definitions';

const timeEntries = RESOURCES.get('time_entries')!;

describe('parseListQuery', () => {
  it('reads paging (capped at 200), filters, includes and order', () => {
    const q = parseListQuery(timeEntries, {
      page: '3',
      per_page: '500',
      approved: 'true',
      workspace_id: '1,2',
      date_performed_between: '2025-06-01:2025-06-30',
      updated_after: '2025-06-01T00:00:00Z',
      include: 'user,workspace',
      order: 'updated_at:desc',
      unknown: 'ignored',
    });
    expect(q.page).toBe(3);
    expect(q.perPage).toBe(200);
    expect(q.includes).toEqual(['user', 'workspace']);
    expect(q.order).toEqual({ by: 'updated_at', direction: 'DESC' });
    expect(q.conditions).toEqual(
      expect.arrayContaining([
        { kind: 'bool', field: 'approved', value: true },
        { kind: 'in', field: 'workspace_id', values: ['1', '2'] },
        { kind: 'between', field: 'date_performed', from: '2025-06-01', to: '2025-06-30' },
        { kind: 'after', column: 'updated_at', at: new Date('2025-06-01T00:00:00Z') },
      ]),
    );
  });

  it.each([
    [{ page: '0' }],
    [{ approved: 'yes' }],
    [{ date_performed_between: '2025-06-01' }],
    [{ include: 'nothing' }],
    [{ only: 'a,b' }],
    [{ order: 'colour:asc' }],
    [{ updated_after: 'yesterday' }],
  ])('rejects %j with a 400 system error', (query) => {
    expect(() => parseListQuery(timeEntries, query)).toThrow(KantataApiError);
  });
});

describe('buildEnvelope', () => {
  it('gives count, ordered results, keyed objects, side-loads and meta', () => {
    const env = buildEnvelope(
      timeEntries,
      [
        { id: '2', user_id: '7' },
        { id: '1', user_id: '7' },
      ],
      new Map([['users', [{ id: '7', full_name: 'A' }]]]),
      { total: 45, page: 2, perPage: 20 },
    );
    expect(env).toEqual({
      count: 45,
      results: [
        { key: 'time_entries', id: '2' },
        { key: 'time_entries', id: '1' },
      ],
      time_entries: { '1': { id: '1', user_id: '7' }, '2': { id: '2', user_id: '7' } },
      users: { '7': { id: '7', full_name: 'A' } },
      meta: { count: 45, page_count: 3, page_number: 2, page_size: 20 },
    });
  });

  it('renders timestamps with whole seconds and an offset', () => {
    expect(kantataTime(new Date('2025-06-02T09:00:00.750Z'))).toBe('2025-06-02T09:00:00+00:00');
  });
});
