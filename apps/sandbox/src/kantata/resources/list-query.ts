import { KantataApiError } from '../common/kantata-api.error';
import { isIsoDate } from './resource-validator';
import { ResourceDef } from './resource-definitions';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 200;

export type Condition =
  | { kind: 'in'; field: string; values: string[] }
  | { kind: 'ci'; field: string; value: string }
  | { kind: 'contains'; field: string; value: string }
  | { kind: 'bool'; field: string; value: boolean }
  | { kind: 'between'; field: string; from: string; to: string }
  | { kind: 'after'; column: 'updated_at' | 'created_at'; at: Date }
  | { kind: 'ids'; ids: string[] };

export interface ListQuery {
  page: number;
  perPage: number;
  conditions: Condition[];
  includes: string[];
  order: { by: string; direction: 'ASC' | 'DESC' };
}

function positiveInt(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 1)
    throw KantataApiError.badRequest(`${name} must be a positive integer`);
  return n;
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseTime(name: string, raw: string): Date {
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime()))
    throw KantataApiError.badRequest(`${name} must be an ISO 8601 date or time`);
  return d;
}

/**
 * Reads a list request's query string: `page` (1-based), `per_page` (default 20, at most 200: more is
 * capped), `only=1,2`, `include=a,b`, `order=field:asc|desc`, `updated_after`, `created_after` and the
 * resource's own filters. Unknown parameters are ignored, as Kantata does.
 */
export function parseListQuery(resource: ResourceDef, query: Record<string, unknown>): ListQuery {
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
  const page = positiveInt('page', query.page, 1);
  const perPage = Math.min(positiveInt('per_page', query.per_page, DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const conditions: Condition[] = [];
  const only = str('only');
  if (only !== undefined) {
    const ids = list(only);
    if (ids.some((id) => !/^\d{1,18}$/.test(id))) throw KantataApiError.badRequest('only must list numeric ids');
    conditions.push({ kind: 'ids', ids });
  }
  for (const column of ['updated_after', 'created_after'] as const) {
    const raw = str(column);
    if (raw !== undefined)
      conditions.push({
        kind: 'after',
        column: column === 'updated_after' ? 'updated_at' : 'created_at',
        at: parseTime(column, raw),
      });
  }
  for (const [name, filter] of Object.entries(resource.filters)) {
    const raw = str(name);
    if (raw === undefined) continue;
    switch (filter.kind) {
      case 'eq':
        conditions.push({ kind: 'in', field: filter.field, values: list(raw) });
        break;
      case 'ci':
        conditions.push({ kind: 'ci', field: filter.field, value: raw });
        break;
      case 'contains':
        conditions.push({ kind: 'contains', field: filter.field, value: raw });
        break;
      case 'bool':
        if (raw !== 'true' && raw !== 'false') throw KantataApiError.badRequest(`${name} must be true or false`);
        conditions.push({ kind: 'bool', field: filter.field, value: raw === 'true' });
        break;
      case 'between': {
        const [from, to, ...rest] = raw.split(':');
        if (rest.length > 0 || !isIsoDate(from) || !isIsoDate(to))
          throw KantataApiError.badRequest(`${name} must be YYYY-MM-DD:YYYY-MM-DD`);
        conditions.push({ kind: 'between', field: filter.field, from, to });
        break;
      }
      default: {
        const exhaustive: never = filter.kind;
        throw new Error(`unknown filter kind ${String(exhaustive)}`);
      }
    }
  }
  const includes = list(str('include') ?? '');
  for (const name of includes) {
    if (!resource.includes[name])
      throw KantataApiError.badRequest(`${name} is not a valid include for ${resource.plural}`);
  }
  let order: ListQuery['order'] = { by: 'id', direction: 'ASC' };
  const rawOrder = str('order');
  if (rawOrder !== undefined) {
    const [by, dir = 'asc'] = rawOrder.split(':');
    const sortable = by === 'id' || by === 'updated_at' || by === 'created_at' || resource.fields[by] !== undefined;
    if (!sortable || (dir !== 'asc' && dir !== 'desc'))
      throw KantataApiError.badRequest(`order ${rawOrder} is not supported`);
    order = { by, direction: dir === 'desc' ? 'DESC' : 'ASC' };
  }
  return { page, perPage, conditions, includes, order };
}
