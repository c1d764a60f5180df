import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KantataApiError } from '../common/kantata-api.error';
import { buildEnvelope, KantataEnvelope, KantataObject, renderRecord } from './envelope';
import { KantataRecordStore, wholeSecond } from './kantata-record-store';
import { ListQuery, parseListQuery } from './list-query';
import { KantataRecordEntity } from './record.entity';
import { REFERENCE_SUBJECTS, ResourceDef, RESOURCES } from './resource-definitions';
import { FieldProblem, validateAttributes, validateRecord } from './resource-validator';

/** At most this many objects per create request. */
export const MAX_BATCH = 100;
const WRITE_LOCK = 'sandbox_kantata:writes';
/** Resources whose create may carry `external_references: [{service_name, service_model, service_model_ref}]`. */
const NESTED_REFERENCES = new Set([
  'workspaces',
  'users',
  'participations',
  'stories',
  'time_entries',
  'expenses',
  'fixed_fee_items',
  'invoices',
]);
/** What an invoice bills: its field and the resource it points to. */
const INVOICED_ITEMS = [
  ['time_entry_ids', 'time_entries'],
  ['expense_ids', 'expenses'],
  ['fixed_fee_item_ids', 'fixed_fee_items'],
] as const;

export interface WriteOptions {
  manager?: EntityManager;
  /** Timestamp of the write (the seed uses fixed ones). */
  now?: Date;
}

function resourceOrFail(plural: string): ResourceDef {
  const def = RESOURCES.get(plural.replace(/\.json$/, ''));
  if (!def) throw KantataApiError.notFound(`No route matches ${plural}`);
  return def;
}

function idParam(raw: string): string {
  return raw.replace(/\.json$/, '');
}

/** List, show, create, update and delete of every emulated resource, with Kantata's rules. */
@Injectable()
export class KantataResourcesService {
  constructor(private readonly store: KantataRecordStore) {}

  async list(plural: string, query: Record<string, unknown>): Promise<KantataEnvelope> {
    const def = resourceOrFail(plural);
    const q = parseListQuery(def, query);
    const { rows, total } = await this.store.list(def.plural, q);
    return this.envelope(def, rows, q, total);
  }

  async show(plural: string, rawId: string, query: Record<string, unknown>): Promise<KantataEnvelope> {
    const def = resourceOrFail(plural);
    const q = parseListQuery(def, { include: query.include });
    const row = await this.store.findOne(def.plural, idParam(rawId));
    if (!row) throw KantataApiError.notFound(`${def.singular} ${idParam(rawId)} not found`);
    return this.envelope(def, [row], { ...q, page: 1, perPage: 1 }, 1);
  }

  async create(plural: string, body: unknown, options: WriteOptions = {}): Promise<KantataEnvelope> {
    const def = resourceOrFail(plural);
    const items = this.itemsOf(def, body);
    const rows = await this.inTransaction(options.manager, async (manager) => {
      const now = wholeSecond(options.now);
      return this.createBatch(manager, def, items, now);
    });
    return this.envelope(
      def,
      rows,
      {
        page: 1,
        perPage: Math.max(1, rows.length),
        conditions: [],
        includes: [],
        order: { by: 'id', direction: 'ASC' },
      },
      rows.length,
    );
  }

  async update(plural: string, rawId: string, body: unknown, options: WriteOptions = {}): Promise<KantataEnvelope> {
    const def = resourceOrFail(plural);
    if (!def.updatable) throw KantataApiError.notFound(`${def.plural} cannot be updated`);
    const input = body && typeof body === 'object' ? (body as Record<string, unknown>)[def.singular] : undefined;
    if (input === undefined) throw KantataApiError.badRequest(`body must be {"${def.singular}":{...}}`);
    const row = await this.inTransaction(options.manager, async (manager) => {
      const existing = await this.store.findOne(def.plural, idParam(rawId), manager, true);
      if (!existing) throw KantataApiError.notFound(`${def.singular} ${idParam(rawId)} not found`);
      const { data, errors, references } = validateAttributes(def, input, 'update');
      if (errors.length) throw KantataApiError.validation(errors);
      if (existing.data.is_invoiced === true) {
        throw KantataApiError.validation([{ message: `${def.singular} has been invoiced and cannot be changed` }]);
      }
      await this.checkReferences(manager, references);
      const merged = { ...existing.data, ...data };
      const problems = [...validateRecord(def, merged), ...(await this.rules(manager, def, merged, existing.id))];
      if (problems.length) throw KantataApiError.validation(problems);
      existing.data = merged;
      existing.updatedAt = wholeSecond(options.now);
      await this.store.save(manager, existing);
      return existing;
    });
    return this.envelope(
      def,
      [row],
      { page: 1, perPage: 1, conditions: [], includes: [], order: { by: 'id', direction: 'ASC' } },
      1,
    );
  }

  async remove(plural: string, rawId: string): Promise<void> {
    const def = resourceOrFail(plural);
    await this.inTransaction(undefined, async (manager) => {
      const existing = await this.store.findOne(def.plural, idParam(rawId), manager, true);
      if (!existing) throw KantataApiError.notFound(`${def.singular} ${idParam(rawId)} not found`);
      if (existing.data.is_invoiced === true)
        throw KantataApiError.validation([{ message: `${def.singular} has been invoiced and cannot be deleted` }]);
      await this.store.delete(manager, def.plural, existing.id);
    });
  }

  private itemsOf(def: ResourceDef, body: unknown): unknown[] {
    const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    let items: unknown[];
    if (Array.isArray(b[def.plural])) items = b[def.plural] as unknown[];
    else if (b[def.singular] !== undefined) items = [b[def.singular]];
    else throw KantataApiError.badRequest(`body must be {"${def.plural}":[{...}]}`);
    if (items.length === 0)
      throw KantataApiError.validation([{ field: def.plural, message: `${def.plural} can't be empty` }]);
    if (items.length > MAX_BATCH)
      throw KantataApiError.validation([
        { field: def.plural, message: `at most ${MAX_BATCH} ${def.plural} per request` },
      ]);
    return items;
  }

  private async inTransaction<T>(
    manager: EntityManager | undefined,
    work: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    const run = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [WRITE_LOCK]);
      return work(m);
    };
    return manager ? run(manager) : this.store.transaction(run);
  }

  /** Validates every object, checks references once for the batch, then inserts all (all or nothing). */
  private async createBatch(
    manager: EntityManager,
    def: ResourceDef,
    items: unknown[],
    now: Date,
  ): Promise<KantataRecordEntity[]> {
    const nestedAllowed = NESTED_REFERENCES.has(def.plural);
    const referenceDef = RESOURCES.get('external_references')!;
    const prepared: Array<{ data: Record<string, unknown>; nested: Array<Record<string, unknown>> }> = [];
    const errors: FieldProblem[] = [];
    const references = new Map<string, { field: string; resource: string; ids: Set<string> }>();
    for (const item of items) {
      const v = validateAttributes(def, item, 'create', nestedAllowed ? ['external_references'] : []);
      errors.push(...v.errors);
      for (const ref of v.references) {
        const key = `${ref.field}:${ref.resource}`;
        const entry = references.get(key) ?? { field: ref.field, resource: ref.resource, ids: new Set<string>() };
        ref.ids.forEach((id) => entry.ids.add(id));
        references.set(key, entry);
      }
      const nested =
        nestedAllowed && item && typeof item === 'object'
          ? (item as Record<string, unknown>).external_references
          : undefined;
      const nestedData: Array<Record<string, unknown>> = [];
      if (nested !== undefined) {
        if (!Array.isArray(nested))
          errors.push({ field: 'external_references', message: 'external_references must be an array' });
        else {
          for (const ref of nested) {
            const r = validateAttributes(
              referenceDef,
              { ...(ref as object), subject_type: def.singular, subject_id: '1' },
              'create',
            );
            errors.push(...r.errors.map((e) => ({ ...e, field: `external_references.${e.field ?? ''}` })));
            nestedData.push(r.data);
          }
        }
      }
      prepared.push({ data: v.data, nested: nestedData });
    }
    if (errors.length) throw KantataApiError.validation(errors);
    await this.checkReferences(
      manager,
      [...references.values()].map((r) => ({ ...r, ids: [...r.ids] })),
    );
    const problems: FieldProblem[] = [];
    const workspaces = new Map<string, KantataRecordEntity | undefined>();
    for (const { data, nested } of prepared) {
      await this.applyDefaults(manager, def, data, workspaces);
      problems.push(...validateRecord(def, data), ...(await this.rules(manager, def, data)));
      for (const ref of nested)
        problems.push(...(await this.referenceTaken(manager, ref, 'external_references.service_model_ref')));
    }
    const seen = new Set<string>();
    for (const ref of prepared.flatMap((p) => p.nested)) {
      const key = `${String(ref.service_name)}|${String(ref.service_model)}|${String(ref.service_model_ref)}`;
      if (seen.has(key))
        problems.push({
          field: 'external_references.service_model_ref',
          message: 'external_references.service_model_ref is repeated in the request',
        });
      seen.add(key);
    }
    if (problems.length) throw KantataApiError.validation(problems);
    const firstId = BigInt(await this.store.nextIds(manager, def.plural, def.idBase, prepared.length));
    const rows = prepared.map(({ data }, i) =>
      Object.assign(new KantataRecordEntity(), {
        type: def.plural,
        id: String(firstId + BigInt(i)),
        data,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.store.insertMany(manager, rows);
    const nestedRows = prepared.flatMap(({ nested }, i) => nested.map((ref) => ({ ref, subjectId: rows[i].id })));
    if (nestedRows.length > 0) {
      const firstRef = BigInt(
        await this.store.nextIds(manager, referenceDef.plural, referenceDef.idBase, nestedRows.length),
      );
      await this.store.insertMany(
        manager,
        nestedRows.map(({ ref, subjectId }, i) =>
          Object.assign(new KantataRecordEntity(), {
            type: referenceDef.plural,
            id: String(firstRef + BigInt(i)),
            data: { ...ref, subject_type: def.singular, subject_id: subjectId },
            createdAt: now,
            updatedAt: now,
          }),
        ),
      );
    }
    for (const row of rows) await this.afterCreate(manager, def, row, now);
    return rows;
  }

  /** 422 unless every referenced record exists ("workspace_id ... does not exist"). */
  private async checkReferences(
    manager: EntityManager,
    references: Array<{ field: string; resource: string; ids: string[] }>,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const ref of references) {
      const found = await this.store.findByIds(ref.resource, ref.ids, manager);
      const missing = ref.ids.filter((id) => !found.some((r) => r.id === id));
      if (missing.length)
        problems.push({
          field: ref.field,
          message: `${ref.field} refers to no existing ${RESOURCES.get(ref.resource)!.singular} (${missing.join(', ')})`,
        });
    }
    if (problems.length) throw KantataApiError.validation(problems);
  }

  private async applyDefaults(
    manager: EntityManager,
    def: ResourceDef,
    data: Record<string, unknown>,
    workspaces: Map<string, KantataRecordEntity | undefined>,
  ): Promise<void> {
    if (
      (def.plural === 'time_entries' || def.plural === 'expenses' || def.plural === 'fixed_fee_items') &&
      !data.currency
    ) {
      const id = data.workspace_id as string;
      if (!workspaces.has(id)) workspaces.set(id, (await this.store.findByIds('workspaces', [id], manager))[0]);
      data.currency = workspaces.get(id)?.data.currency ?? 'USD';
    }
  }

  /** Rules across records (uniqueness, consistency), for creates and updates (`selfId` on update). */
  private async rules(
    manager: EntityManager,
    def: ResourceDef,
    data: Record<string, unknown>,
    selfId?: string,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const others = (rows: KantataRecordEntity[]) => rows.filter((r) => r.id !== selfId);
    switch (def.plural) {
      case 'users': {
        const same = others(
          await this.store.findWhere('users', 'email_address', [String(data.email_address)], manager),
        );
        const lower = String(data.email_address).toLowerCase();
        if (!/^[^@\s]+@[^@\s]+$/.test(String(data.email_address)))
          problems.push({ field: 'email_address', message: 'email_address is invalid' });
        if (same.some((r) => String(r.data.email_address).toLowerCase() === lower))
          problems.push({ field: 'email_address', message: 'email_address has already been taken' });
        break;
      }
      case 'participations': {
        if (selfId) break;
        const rows = await this.store.findWhere('participations', 'workspace_id', [String(data.workspace_id)], manager);
        if (rows.some((r) => r.data.user_id === data.user_id))
          problems.push({ field: 'user_id', message: 'user_id is already a participant in this workspace' });
        break;
      }
      case 'stories': {
        if (data.parent_id) {
          const [parent] = await this.store.findByIds('stories', [String(data.parent_id)], manager);
          if (parent && parent.data.workspace_id !== data.workspace_id)
            problems.push({ field: 'parent_id', message: 'parent_id must be a story of the same workspace' });
        }
        break;
      }
      case 'time_entries':
      case 'expenses': {
        if (data.story_id) {
          const [story] = await this.store.findByIds('stories', [String(data.story_id)], manager);
          if (story && story.data.workspace_id !== data.workspace_id)
            problems.push({ field: 'story_id', message: 'story_id must be a story of the same workspace' });
        }
        break;
      }
      case 'rate_card_versions': {
        const [card] = await this.store.findByIds('rate_cards', [String(data.rate_card_id)], manager);
        const [version] = await this.store.findByIds(
          'rate_card_set_versions',
          [String(data.rate_card_set_version_id)],
          manager,
        );
        if (card && version && card.data.rate_card_set_id !== version.data.rate_card_set_id)
          problems.push({
            field: 'rate_card_set_version_id',
            message: 'rate_card_set_version_id belongs to another rate card set',
          });
        const existing = others(
          await this.store.findWhere('rate_card_versions', 'rate_card_id', [String(data.rate_card_id)], manager),
        );
        if (existing.some((r) => r.data.rate_card_set_version_id === data.rate_card_set_version_id))
          problems.push({
            field: 'rate_card_set_version_id',
            message: 'rate_card_set_version_id has already been taken',
          });
        break;
      }
      case 'external_references': {
        const resource = REFERENCE_SUBJECTS[String(data.subject_type)];
        if (
          !selfId &&
          resource &&
          (await this.store.findByIds(resource, [String(data.subject_id)], manager)).length === 0
        )
          problems.push({
            field: 'subject_id',
            message: `subject_id refers to no existing ${String(data.subject_type)}`,
          });
        problems.push(...(await this.referenceTaken(manager, data, 'service_model_ref', selfId)));
        break;
      }
      case 'invoices':
        problems.push(...(await this.invoiceRules(manager, data, selfId)));
        break;
      default:
        break;
    }
    return problems;
  }

  /** (service_name, service_model, service_model_ref) is unique: one Kantata object per external id. */
  private async referenceTaken(
    manager: EntityManager,
    data: Record<string, unknown>,
    field: string,
    selfId?: string,
  ): Promise<FieldProblem[]> {
    const rows = await this.store.findWhere(
      'external_references',
      'service_model_ref',
      [String(data.service_model_ref)],
      manager,
    );
    const taken = rows.some(
      (r) =>
        r.id !== selfId && r.data.service_name === data.service_name && r.data.service_model === data.service_model,
    );
    return taken
      ? [
          {
            field,
            message: `${field} has already been taken for ${String(data.service_name)} ${String(data.service_model)}`,
          },
        ]
      : [];
  }

  private async invoiceRules(
    manager: EntityManager,
    data: Record<string, unknown>,
    selfId?: string,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (selfId) return problems; // an update changes the payment state only
    const workspaces = new Set(data.workspace_ids as string[]);
    if (INVOICED_ITEMS.every(([field]) => ((data[field] as string[] | undefined) ?? []).length === 0))
      problems.push({ field: 'time_entry_ids', message: 'an invoice needs time entries, expenses or fixed-fee items' });
    for (const [field, plural] of INVOICED_ITEMS) {
      const rows = await this.store.findByIds(plural, (data[field] as string[] | undefined) ?? [], manager);
      for (const r of rows) {
        if (!workspaces.has(String(r.data.workspace_id)))
          problems.push({ field, message: `${field}: ${r.id} belongs to another workspace` });
        else if (r.data.is_invoiced === true)
          problems.push({ field, message: `${field}: ${r.id} is already invoiced` });
        else if (plural !== 'fixed_fee_items' && r.data.approved !== true)
          problems.push({ field, message: `${field}: ${r.id} is not approved` });
      }
    }
    if (typeof data.balance_in_cents === 'number' && data.status === 'paid' && data.balance_in_cents > 0)
      problems.push({ field: 'balance_in_cents', message: 'balance_in_cents must be 0 on a paid invoice' });
    return problems;
  }

  /** Creating an invoice marks its time entries and expenses invoiced and totals it. */
  private async afterCreate(
    manager: EntityManager,
    def: ResourceDef,
    row: KantataRecordEntity,
    now: Date,
  ): Promise<void> {
    if (def.plural !== 'invoices') return;
    let total = 0;
    const [firstWorkspace] = await this.store.findByIds(
      'workspaces',
      [(row.data.workspace_ids as string[])[0]],
      manager,
    );
    for (const [field, plural] of INVOICED_ITEMS) {
      for (const r of await this.store.findByIds(plural, (row.data[field] as string[] | undefined) ?? [], manager)) {
        if (plural === 'time_entries') {
          if (r.data.billable !== false)
            total += Math.round((Number(r.data.time_in_minutes) * Number(r.data.rate_in_cents ?? 0)) / 60);
        } else if (plural === 'fixed_fee_items') total += Number(r.data.amount_in_cents);
        else if (r.data.billable !== false) total += Number(r.data.amount_in_cents);
        r.data = { ...r.data, is_invoiced: true };
        r.updatedAt = now;
        await this.store.save(manager, r);
      }
    }
    row.data = {
      ...row.data,
      price_in_cents: total,
      currency: firstWorkspace?.data.currency ?? 'USD',
      balance_in_cents: typeof row.data.balance_in_cents === 'number' ? row.data.balance_in_cents : total,
    };
    await this.store.save(manager, row);
  }

  private async envelope(
    def: ResourceDef,
    rows: KantataRecordEntity[],
    q: ListQuery,
    total: number,
  ): Promise<KantataEnvelope> {
    const objects = rows.map((r) => renderRecord(def, r));
    const included = new Map<string, KantataObject[]>();
    for (const name of q.includes) {
      const inc = def.includes[name];
      const target = RESOURCES.get(inc.resource)!;
      let found: KantataRecordEntity[];
      if (inc.kind === 'fk') {
        const ids = [...new Set(rows.map((r) => r.data[inc.field]).filter((v): v is string => typeof v === 'string'))];
        found = await this.store.findByIds(target.plural, ids);
      } else {
        found = await this.store.findWhere(
          target.plural,
          inc.field,
          rows.map((r) => r.id),
        );
        const key = `${target.singular}_ids`;
        for (const o of objects) o[key] = found.filter((f) => f.data[inc.field] === o.id).map((f) => f.id);
      }
      const list = included.get(target.plural) ?? [];
      list.push(...found.map((r) => renderRecord(target, r)));
      included.set(target.plural, list);
    }
    return buildEnvelope(def, objects, included, { total, page: q.page, perPage: q.perPage });
  }
}
