import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { NetSuiteError } from '../common/netsuite-error';
import { SuiteQlColumnType, SuiteQlPrefilter, SuiteQlTable, SuiteQlValue } from '../suiteql/suiteql-engine';
import { NetSuiteCounterEntity } from './entities/netsuite-counter.entity';
import { NetSuiteRecordEntity } from './entities/netsuite-record.entity';
import {
  APPROVAL_STATUSES,
  NetSuiteFieldDef,
  NetSuiteRecordType,
  NETSUITE_RECORD_TYPES,
  recordType,
} from './record-types';

/** A stored reference. */
interface Ref {
  id: string;
  type: string;
}

type Line = Record<string, unknown>;

const ID_FAMILY: Record<string, string> = {
  customer: 'entity',
  job: 'entity',
  employee: 'entity',
  invoice: 'transaction',
  creditmemo: 'transaction',
};

const NAME_FIELDS = ['companyName', 'name', 'itemId', 'tranId', 'entityId', 'symbol'];

export interface WriteOptions {
  manager?: EntityManager;
  now?: Date;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function isRef(value: unknown): value is Ref {
  return isObject(value) && typeof value.id === 'string' && typeof value.type === 'string';
}

/** Hours from a number or "H:MM" (to minutes, exactly). */
function durationMinutes(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 60);
  if (typeof value === 'string') {
    const m = /^(\d{1,4}):([0-5]\d)$/.exec(value.trim());
    if (m) return Number(m[1]) * 60 + Number(m[2]);
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 60);
  }
  throw NetSuiteError.invalidContent(`Invalid duration ${JSON.stringify(value)}: use hours as a number or H:MM.`, path);
}

function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The record store and its rules: typed fields, references checked against existing records
 * (`{id}` or `{externalId}`), required fields, sublists, computed transaction totals, generated
 * document numbers, external-id upsert and dependent-record checks on delete.
 */
@Injectable()
export class NetSuiteRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(NetSuiteRecordEntity);
  }

  typeOrThrow(type: string): NetSuiteRecordType {
    const def = recordType(type);
    if (!def) throw new NetSuiteError(404, 'INVALID_RECORD_TYPE', `Record type '${type}' does not exist.`);
    return def;
  }

  async count(manager?: EntityManager): Promise<number> {
    return this.repo(manager).count();
  }

  async nextValue(name: string, manager: EntityManager): Promise<number> {
    const table = manager.connection.getMetadata(NetSuiteCounterEntity).tablePath;
    const rows = (await manager.query(
      `INSERT INTO ${table} (name, last_value) VALUES ($1, 1)
       ON CONFLICT (name) DO UPDATE SET last_value = ${table}.last_value + 1 RETURNING last_value`,
      [name],
    )) as Array<{ last_value: number }>;
    return rows[0].last_value;
  }

  async find(type: string, id: string, manager?: EntityManager, lock = false): Promise<NetSuiteRecordEntity | null> {
    if (!/^\d{1,9}$/.test(id)) return null;
    const qb = this.repo(manager)
      .createQueryBuilder('r')
      .where('r.type = :type AND r.id = :id', { type, id: Number(id) });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async findByExternalId(
    type: string,
    externalId: string,
    manager?: EntityManager,
  ): Promise<NetSuiteRecordEntity | null> {
    return this.repo(manager).findOne({ where: { type, externalId } });
  }

  async create(type: string, body: unknown, opts: WriteOptions = {}): Promise<string> {
    const def = this.typeOrThrow(type);
    const run = async (manager: EntityManager) => {
      const externalId = this.externalIdOf(body);
      if (externalId && (await this.findByExternalId(def.type, externalId, manager))) {
        throw new NetSuiteError(
          400,
          'DUP_RCRD',
          `A ${def.type} record with external ID ${externalId} already exists.`,
          'externalId',
        );
      }
      return this.insert(def, body, externalId, manager, opts.now ?? new Date());
    };
    return opts.manager ? run(opts.manager) : this.transaction(run);
  }

  /** `PUT /{type}/eid:{externalId}`: creates the record or updates the one with that external id. */
  async upsert(type: string, externalId: string, body: unknown): Promise<{ id: string; created: boolean }> {
    const def = this.typeOrThrow(type);
    return this.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`netsuite:eid:${def.type}:${externalId}`]);
      const existing = await this.findByExternalId(def.type, externalId, manager);
      if (existing) {
        await this.applyUpdate(def, existing, body, manager, new Date());
        return { id: String(existing.id), created: false };
      }
      return { id: await this.insert(def, body, externalId, manager, new Date()), created: true };
    });
  }

  async update(type: string, id: string, body: unknown): Promise<void> {
    const def = this.typeOrThrow(type);
    await this.transaction(async (manager) => {
      const existing = await this.find(def.type, id, manager, true);
      if (!existing) throw NetSuiteError.notFound(def.type, id);
      await this.applyUpdate(def, existing, body, manager, new Date());
    });
  }

  async remove(type: string, id: string): Promise<void> {
    const def = this.typeOrThrow(type);
    await this.transaction(async (manager) => {
      const existing = await this.find(def.type, id, manager, true);
      if (!existing) throw NetSuiteError.notFound(def.type, id);
      const table = manager.connection.getMetadata(NetSuiteRecordEntity).tablePath;
      const dependents = (await manager.query(
        `SELECT 1 FROM ${table} WHERE jsonb_path_exists(fields, '$.** ? (@.type == $t && @.id == $i)', jsonb_build_object('t', $1::text, 'i', $2::text)) LIMIT 1`,
        [def.type, id],
      )) as unknown[];
      if (dependents.length > 0) {
        throw NetSuiteError.userError('This record cannot be deleted because it has dependent records.');
      }
      await this.repo(manager).delete({ type: def.type, id: existing.id });
    });
  }

  /** Test control: records a customer payment against an invoice (NetSuite's customerpayment, simplified). */
  async applyPayment(invoiceId: string, amount: number): Promise<NetSuiteRecordEntity> {
    return this.transaction(async (manager) => {
      const invoice = await this.find('invoice', invoiceId, manager, true);
      if (!invoice) throw NetSuiteError.notFound('invoice', invoiceId);
      const total = Number(invoice.fields.total ?? 0);
      const paid = round2(Math.min(total, Number(invoice.fields.amountPaid ?? 0) + amount));
      invoice.fields = { ...invoice.fields, amountPaid: paid };
      this.deriveTransaction(recordType('invoice')!, invoice.fields);
      invoice.lastModifiedDate = new Date();
      return this.repo(manager).save(invoice);
    });
  }

  private externalIdOf(body: unknown): string | undefined {
    if (!isObject(body)) return undefined;
    const key = Object.keys(body).find((k) => k.toLowerCase() === 'externalid');
    const value = key ? body[key] : undefined;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value === '')
      throw NetSuiteError.invalidContent('externalId must be a non-empty string.', 'externalId');
    return value;
  }

  private async insert(
    def: NetSuiteRecordType,
    body: unknown,
    externalId: string | undefined,
    manager: EntityManager,
    now: Date,
  ): Promise<string> {
    const fields = await this.normalise(def, body, manager, true);
    const id = await this.nextValue(ID_FAMILY[def.type] ?? def.type, manager);
    await this.applyDefaults(def, fields, id, manager, now);
    this.checkRequired(def, fields);
    if (def.sublists.length > 0) this.deriveTransaction(def, fields);
    // insert, not save: a new id needs no existence check (one statement per record; the seed loads faster).
    await this.repo(manager).insert(
      this.repo(manager).create({
        type: def.type,
        id,
        externalId: externalId ?? null,
        fields,
        dateCreated: now,
        lastModifiedDate: now,
      }) as never,
    );
    return String(id);
  }

  private async applyUpdate(
    def: NetSuiteRecordType,
    existing: NetSuiteRecordEntity,
    body: unknown,
    manager: EntityManager,
    now: Date,
  ): Promise<void> {
    const changes = await this.normalise(def, body, manager, false);
    const fields = { ...existing.fields, ...changes };
    this.checkRequired(def, fields);
    if (def.sublists.length > 0) this.deriveTransaction(def, fields);
    existing.fields = fields;
    existing.lastModifiedDate = now;
    const externalId = this.externalIdOf(body);
    if (externalId && externalId !== existing.externalId) {
      const clash = await this.findByExternalId(def.type, externalId, manager);
      if (clash)
        throw new NetSuiteError(
          400,
          'DUP_RCRD',
          `A ${def.type} record with external ID ${externalId} already exists.`,
          'externalId',
        );
      existing.externalId = externalId;
    }
    await this.repo(manager).save(existing);
  }

  private checkRequired(def: NetSuiteRecordType, fields: Record<string, unknown>): void {
    const missing = def.fields.filter(
      (fd) => fd.required && (fields[fd.name] === undefined || fields[fd.name] === null || fields[fd.name] === ''),
    );
    if (missing.length > 0) {
      throw NetSuiteError.userError(
        `Please enter value(s) for: ${missing.map((m) => m.label).join(', ')}`,
        missing[0].name,
      );
    }
    if (def.sublists.some((s) => s.name === 'item') && !(Array.isArray(fields.item) && fields.item.length > 0)) {
      throw NetSuiteError.userError('You must enter at least one line item for this transaction.', 'item');
    }
  }

  /** Validates and converts a request body to stored fields (unknown fields and bad types are refused). */
  private async normalise(
    def: NetSuiteRecordType,
    body: unknown,
    manager: EntityManager,
    creating: boolean,
  ): Promise<Record<string, unknown>> {
    if (!isObject(body)) throw NetSuiteError.invalidContent('The request body must be a JSON object.');
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      const lower = key.toLowerCase();
      if (['links', 'id', 'externalid', 'datecreated', 'lastmodifieddate', 'refname'].includes(lower)) continue;
      const sublist = def.sublists.find((s) => s.name.toLowerCase() === lower);
      if (sublist) {
        const items = isObject(value) ? value.items : undefined;
        if (!Array.isArray(items))
          throw NetSuiteError.invalidContent(`The sublist ${sublist.name} must be {"items": [...]}.`, sublist.name);
        const lines: Line[] = [];
        for (const [i, item] of items.entries()) {
          const path = `${sublist.name}.items[${i}]`;
          if (!isObject(item)) throw NetSuiteError.invalidContent('A sublist line must be a JSON object.', path);
          const line: Line = {};
          for (const [lk, lv] of Object.entries(item)) {
            const fd = sublist.fields.find((x) => x.name.toLowerCase() === lk.toLowerCase());
            if (!fd) throw NetSuiteError.invalidContent(`Invalid field: ${lk}.`, `${path}.${lk}`);
            if (fd.readOnly) continue;
            line[fd.name] = await this.convert(fd, lv, `${path}.${fd.name}`, manager);
          }
          for (const fd of sublist.fields) {
            if (fd.required && (line[fd.name] === undefined || line[fd.name] === null)) {
              throw NetSuiteError.userError(`Please enter value(s) for: ${fd.label}`, `${path}.${fd.name}`);
            }
          }
          lines.push(line);
        }
        out[sublist.name] = lines;
        continue;
      }
      const fd = def.fields.find((x) => x.name.toLowerCase() === lower);
      if (!fd)
        throw NetSuiteError.invalidContent(
          `Invalid field: ${key}. The field does not exist on record type ${def.type}.`,
          key,
        );
      if (fd.readOnly) continue;
      out[fd.name] = value === null ? null : await this.convert(fd, value, fd.name, manager);
    }
    void creating;
    return out;
  }

  private async convert(fd: NetSuiteFieldDef, value: unknown, path: string, manager: EntityManager): Promise<unknown> {
    switch (fd.kind) {
      case 'string':
        if (typeof value !== 'string')
          throw NetSuiteError.invalidContent(`Invalid value for field ${fd.name}: a string is expected.`, path);
        return value;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw NetSuiteError.invalidContent(`Invalid value for field ${fd.name}: a number is expected.`, path);
        return value;
      case 'boolean':
        if (typeof value !== 'boolean')
          throw NetSuiteError.invalidContent(`Invalid value for field ${fd.name}: a boolean is expected.`, path);
        return value;
      case 'date':
        if (
          typeof value !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ) {
          throw NetSuiteError.invalidContent(`Invalid date value for field ${fd.name}: use YYYY-MM-DD.`, path);
        }
        return value;
      case 'duration':
        return durationMinutes(value, path);
      case 'reference':
        return this.resolveRef(fd, value, path, manager);
      default:
        return value;
    }
  }

  private async resolveRef(fd: NetSuiteFieldDef, value: unknown, path: string, manager: EntityManager): Promise<Ref> {
    if (!isObject(value))
      throw NetSuiteError.invalidContent(
        `Invalid value for reference field ${fd.name}: use {"id": "..."} or {"externalId": "..."}.`,
        path,
      );
    const types = fd.ref ?? [];
    if (types.includes('approvalstatus')) {
      const id = String(value.id ?? '');
      if (!APPROVAL_STATUSES[id])
        throw NetSuiteError.userError(`Invalid Field Value ${id} for the following field: ${fd.name}`, path);
      return { id, type: 'approvalstatus' };
    }
    let found: NetSuiteRecordEntity | null = null;
    if (value.id !== undefined) {
      const id = String(value.id as string | number);
      const rows = /^\d{1,9}$/.test(id)
        ? await this.repo(manager).find({ where: { type: In(types), id: Number(id) } })
        : [];
      found = rows[0] ?? null;
      if (!found) throw NetSuiteError.userError(`Invalid Field Value ${id} for the following field: ${fd.name}`, path);
    } else if (typeof value.externalId === 'string') {
      const rows = await this.repo(manager).find({ where: { type: In(types), externalId: value.externalId } });
      found = rows[0] ?? null;
      if (!found)
        throw NetSuiteError.userError(
          `Invalid Field Value ${value.externalId} (external ID) for the following field: ${fd.name}`,
          path,
        );
    } else {
      throw NetSuiteError.invalidContent(
        `Invalid value for reference field ${fd.name}: use {"id": "..."} or {"externalId": "..."}.`,
        path,
      );
    }
    return { id: String(found.id), type: found.type };
  }

  private async applyDefaults(
    def: NetSuiteRecordType,
    fields: Record<string, unknown>,
    id: number,
    manager: EntityManager,
    now: Date,
  ): Promise<void> {
    const refOf = async (key: string) =>
      isRef(fields[key]) ? this.find((fields[key] as Ref).type, (fields[key] as Ref).id, manager) : null;
    switch (def.type) {
      case 'customer': {
        fields.entityId ??= String(id);
        if (!fields.currency) {
          const subsidiary = await refOf('subsidiary');
          if (subsidiary && isRef(subsidiary.fields.currency)) fields.currency = subsidiary.fields.currency;
        }
        break;
      }
      case 'job': {
        fields.entityId ??= String(id);
        const parent = await refOf('parent');
        if (!fields.subsidiary && parent) fields.subsidiary = parent.fields.subsidiary;
        break;
      }
      case 'employee':
        fields.entityId ??= `${String(fields.firstName ?? '')} ${String(fields.lastName ?? '')}`.trim();
        break;
      case 'timebill':
        fields.isBillable ??= true;
        break;
      case 'invoice':
      case 'creditmemo': {
        const customer = await refOf('entity');
        if (customer) {
          if (
            fields.subsidiary &&
            isRef(fields.subsidiary) &&
            isRef(customer.fields.subsidiary) &&
            fields.subsidiary.id !== customer.fields.subsidiary.id
          ) {
            throw NetSuiteError.userError(
              'The subsidiary of the transaction must be the subsidiary of the customer.',
              'subsidiary',
            );
          }
          fields.subsidiary ??= customer.fields.subsidiary;
          fields.currency = customer.fields.currency;
        }
        fields.tranDate ??= now.toISOString().slice(0, 10);
        if (!fields.tranId)
          fields.tranId = `${def.tranIdPrefix}${String(await this.nextValue(`tranid:${def.type}`, manager)).padStart(5, '0')}`;
        if (def.type === 'invoice') {
          fields.approvalStatus ??= { id: '1', type: 'approvalstatus' };
          fields.amountPaid = 0;
        }
        break;
      }
      default:
        break;
    }
  }

  /** Line amounts (quantity x rate when absent), totals, remaining amount and status of a transaction. */
  private deriveTransaction(def: NetSuiteRecordType, fields: Record<string, unknown>): void {
    const lines = Array.isArray(fields.item) ? (fields.item as Line[]) : [];
    lines.forEach((line, i) => {
      line.line = i + 1;
      const quantity = typeof line.quantity === 'number' ? line.quantity : undefined;
      const rate = typeof line.rate === 'number' ? line.rate : undefined;
      if (typeof line.amount !== 'number') {
        if (quantity === undefined || rate === undefined) {
          throw NetSuiteError.userError('Please enter value(s) for: Amount', `item.items[${i}].amount`);
        }
        line.amount = round2(quantity * rate);
      }
      if (rate === undefined && quantity) line.rate = round2((line.amount as number) / quantity);
      line.quantity ??= 1;
    });
    const subtotal = round2(lines.reduce((sum, l) => sum + (l.amount as number), 0));
    fields.subtotal = subtotal;
    fields.taxTotal = 0;
    fields.total = subtotal;
    if (def.type === 'invoice') {
      const paid = Number(fields.amountPaid ?? 0);
      fields.amountRemaining = round2(subtotal - paid);
      const approved = isRef(fields.approvalStatus) && fields.approvalStatus.id === '2';
      fields.status = !approved ? 'Pending Approval' : paid >= subtotal && subtotal > 0 ? 'Paid In Full' : 'Open';
    } else {
      fields.status = 'Open';
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  private recordUrl(baseUrl: string, type: string, id: string | number): string {
    return `${baseUrl}/services/rest/record/v1/${type}/${id}`;
  }

  /** The full record as `GET /record/v1/{type}/{id}` returns it. */
  async render(
    entity: NetSuiteRecordEntity,
    baseUrl: string,
    expandSubResources: boolean,
  ): Promise<Record<string, unknown>> {
    const def = this.typeOrThrow(entity.type);
    const refs = new Map<string, NetSuiteRecordEntity>();
    const wanted: Ref[] = [];
    const collect = (v: unknown) => {
      if (isRef(v) && v.type !== 'approvalstatus') wanted.push(v);
    };
    Object.values(entity.fields).forEach(collect);
    for (const s of def.sublists)
      ((entity.fields[s.name] as Line[] | undefined) ?? []).forEach((l) => Object.values(l).forEach(collect));
    for (const ref of wanted) {
      const key = `${ref.type}:${ref.id}`;
      if (!refs.has(key)) {
        const found = await this.find(ref.type, ref.id);
        if (found) refs.set(key, found);
      }
    }
    const renderValue = (fd: NetSuiteFieldDef, value: unknown): unknown => {
      if (fd.kind === 'duration' && typeof value === 'number') return formatDuration(value);
      if (isRef(value)) {
        if (value.type === 'approvalstatus') return { id: value.id, refName: APPROVAL_STATUSES[value.id] };
        const target = refs.get(`${value.type}:${value.id}`);
        const name = target ? NAME_FIELDS.map((n) => target.fields[n]).find((n) => typeof n === 'string') : undefined;
        return {
          links: [{ rel: 'self', href: this.recordUrl(baseUrl, value.type, value.id) }],
          id: value.id,
          ...(name ? { refName: name } : {}),
        };
      }
      return value;
    };
    const self = this.recordUrl(baseUrl, entity.type, entity.id);
    const out: Record<string, unknown> = { links: [{ rel: 'self', href: self }], id: String(entity.id) };
    if (entity.externalId) out.externalId = entity.externalId;
    for (const fd of def.fields) {
      const v = entity.fields[fd.name];
      if (v !== undefined && v !== null) out[fd.name] = renderValue(fd, v);
    }
    out.dateCreated = entity.dateCreated.toISOString().replace(/\.\d{3}Z$/, 'Z');
    out.lastModifiedDate = entity.lastModifiedDate.toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const s of def.sublists) {
      const lines = (entity.fields[s.name] as Line[] | undefined) ?? [];
      const links = [{ rel: 'self', href: `${self}/${s.name}` }];
      out[s.name] = expandSubResources
        ? {
            links,
            items: lines.map((l) => {
              const item: Record<string, unknown> = { links: [] };
              for (const fd of s.fields)
                if (l[fd.name] !== undefined && l[fd.name] !== null) item[fd.name] = renderValue(fd, l[fd.name]);
              return item;
            }),
            count: lines.length,
            hasMore: false,
            offset: 0,
            totalResults: lines.length,
          }
        : { links };
    }
    return out;
  }

  /** One page of `GET /record/v1/{type}` (ids and links). */
  async listPage(type: string, limit: number, offset: number, baseUrl: string): Promise<Record<string, unknown>> {
    const def = this.typeOrThrow(type);
    const [rows, total] = await this.repo().findAndCount({
      where: { type: def.type },
      order: { id: 'ASC' },
      skip: offset,
      take: limit,
      select: { id: true, type: true },
    });
    const collection = `${baseUrl}/services/rest/record/v1/${def.type}`;
    const page = (o: number) => `${collection}?limit=${limit}&offset=${o}`;
    const links = [{ rel: 'self', href: page(offset) }];
    const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    if (offset > 0)
      links.unshift({ rel: 'first', href: page(0) }, { rel: 'previous', href: page(Math.max(0, offset - limit)) });
    const hasMore = offset + rows.length < total;
    if (hasMore) links.push({ rel: 'next', href: page(offset + limit) }, { rel: 'last', href: page(lastOffset) });
    return {
      links,
      count: rows.length,
      hasMore,
      items: rows.map((r) => ({ links: [{ rel: 'self', href: `${collection}/${r.id}` }], id: String(r.id) })),
      offset,
      totalResults: total,
    };
  }

  // ---- SuiteQL ---------------------------------------------------------------------------

  private static columnsOf(def: NetSuiteRecordType): Record<string, SuiteQlColumnType> {
    const columns: Record<string, SuiteQlColumnType> = {
      id: 'number',
      externalid: 'string',
      datecreated: 'date',
      lastmodifieddate: 'date',
    };
    for (const fd of def.fields) {
      columns[fd.name.toLowerCase()] = fd.kind === 'duration' ? 'number' : fd.kind === 'date' ? 'date' : fd.kind;
    }
    return columns;
  }

  private static rowOf(def: NetSuiteRecordType, entity: NetSuiteRecordEntity): Record<string, SuiteQlValue> {
    const row: Record<string, SuiteQlValue> = {
      id: entity.id,
      externalid: entity.externalId,
      datecreated: entity.dateCreated,
      lastmodifieddate: entity.lastModifiedDate,
    };
    for (const fd of def.fields) {
      const v = entity.fields[fd.name];
      let value: SuiteQlValue = null;
      if (v === undefined || v === null) value = null;
      else if (isRef(v)) value = v.id;
      else if (fd.kind === 'boolean') value = v ? 'T' : 'F';
      else if (fd.kind === 'duration') value = round2((v as number) / 60);
      else if (fd.kind === 'date') value = new Date(`${String(v)}T00:00:00Z`);
      else value = v as string | number;
      row[fd.name.toLowerCase()] = value;
    }
    return row;
  }

  /**
   * A SuiteQL table: one per record type, plus `transaction` (invoices and credit memos with
   * `type` CustInvc / CustCred, as NetSuite's transaction table).
   */
  async suiteQlTable(name: string, prefilters: SuiteQlPrefilter[] = []): Promise<SuiteQlTable | undefined> {
    if (name === 'transaction') {
      const invoice = recordType('invoice')!;
      const memo = recordType('creditmemo')!;
      const columns = {
        ...NetSuiteRecordsService.columnsOf(memo),
        ...NetSuiteRecordsService.columnsOf(invoice),
        type: 'string' as const,
      };
      const rows = await this.repo().find({ where: { type: In(['invoice', 'creditmemo']) }, order: { id: 'ASC' } });
      return {
        columns,
        rows: rows.map((r) => ({
          ...NetSuiteRecordsService.rowOf(r.type === 'invoice' ? invoice : memo, r),
          type: r.type === 'invoice' ? 'CustInvc' : 'CustCred',
        })),
      };
    }
    const def = NETSUITE_RECORD_TYPES.find((t) => t.type === name);
    if (!def) return undefined;
    // `LOWER(col) LIKE` conjuncts on string fields run in SQL first (a superset; the engine re-checks).
    const qb = this.repo().createQueryBuilder('r').where('r.type = :type', { type: def.type }).orderBy('r.id', 'ASC');
    prefilters.forEach((p, i) => {
      const fd = def.fields.find((f) => f.name.toLowerCase() === p.column && f.kind === 'string');
      if (fd) qb.andWhere(`lower(r.fields ->> :f${i}) LIKE :p${i}`, { [`f${i}`]: fd.name, [`p${i}`]: p.pattern });
      else if (p.column === 'externalid') qb.andWhere(`lower(r.external_id) LIKE :p${i}`, { [`p${i}`]: p.pattern });
    });
    const rows = await qb.getMany();
    return {
      columns: NetSuiteRecordsService.columnsOf(def),
      rows: rows.map((r) => NetSuiteRecordsService.rowOf(def, r)),
    };
  }
}
