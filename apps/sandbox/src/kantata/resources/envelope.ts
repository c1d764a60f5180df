import { ResourceDef, RESOURCES } from './resource-definitions';
import { KantataRecordEntity } from './record.entity';

export type KantataObject = Record<string, unknown> & { id: string };

/** Kantata's timestamp layout: whole seconds with an offset (`2025-06-02T09:00:00+00:00`). */
export function kantataTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** The object as Kantata returns it: string id, every readable attribute (null when unset), timestamps. */
export function renderRecord(resource: ResourceDef, row: KantataRecordEntity): KantataObject {
  const out: KantataObject = { id: String(row.id) };
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.writeOnly) continue;
    const value = row.data[name];
    out[name] = value === undefined ? null : value;
  }
  out.created_at = kantataTime(row.createdAt);
  out.updated_at = kantataTime(row.updatedAt);
  return out;
}

export interface KantataEnvelope {
  count: number;
  results: Array<{ key: string; id: string }>;
  meta: { count: number; page_count: number; page_number: number; page_size: number };
  [plural: string]: unknown;
}

/**
 * `{count, results:[{key,id}], <plural>:{id:{...}}, <included plural>:{...}, meta:{count, page_count,
 * page_number, page_size}}`: results give the order, the keyed maps hold the objects.
 */
export function buildEnvelope(
  resource: ResourceDef,
  objects: KantataObject[],
  included: ReadonlyMap<string, KantataObject[]>,
  paging: { total: number; page: number; perPage: number },
): KantataEnvelope {
  const keyed = (list: KantataObject[]) => Object.fromEntries(list.map((o) => [o.id, o]));
  const envelope: KantataEnvelope = {
    count: paging.total,
    results: objects.map((o) => ({ key: resource.plural, id: o.id })),
    meta: {
      count: paging.total,
      page_count: Math.max(1, Math.ceil(paging.total / paging.perPage)),
      page_number: paging.page,
      page_size: paging.perPage,
    },
  };
  envelope[resource.plural] = keyed(objects);
  for (const [plural, list] of included) {
    if (!RESOURCES.has(plural)) continue;
    const existing = (envelope[plural] as Record<string, KantataObject> | undefined) ?? {};
    envelope[plural] = { ...keyed(list), ...existing };
  }
  return envelope;
}
