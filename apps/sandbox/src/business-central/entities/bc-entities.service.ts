import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BcError } from '../common/bc-error';
import { compileODataFilter, ODataFilterError, parseODataFilter } from '../odata/odata-filter';
import { BC_ENTITY_SETS, BcEntitySetDef, bcEntitySet, BcFieldDef, fieldTypes } from './bc-entity-sets';
import { BcCompanyEntity } from './entities/bc-company.entity';
import { BcNumberSeriesEntity } from './entities/bc-number-series.entity';
import { BcRecordEntity } from './entities/bc-record.entity';

/** A change the subscriptions hear about. */
export interface BcChange {
  companyId: string;
  entitySet: string;
  id: string;
  changeType: 'created' | 'updated' | 'deleted';
  at: Date;
}

export interface BcListQuery {
  filter?: string;
  top?: number;
  skip?: number;
  select?: string[];
  orderby?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function etagOf(record: BcRecordEntity): string {
  return `W/"${Buffer.from(`${record.version};${record.id}`).toString('base64')}"`;
}

/**
 * Business Central's entities in one store: typed fields, read-only fields refused, required fields
 * and GUID references checked within the company, number series, document lines with derived
 * amounts and totals, ETag concurrency on PATCH, and the bound actions post/send/cancel.
 */
@Injectable()
export class BcEntitiesService {
  private readonly listeners: Array<(changes: BcChange[]) => void> = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onChange(listener: (changes: BcChange[]) => void): void {
    this.listeners.push(listener);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(BcRecordEntity);
  }

  async companies(): Promise<BcCompanyEntity[]> {
    return this.dataSource.getRepository(BcCompanyEntity).find({ order: { name: 'ASC' } });
  }

  async company(id: string): Promise<BcCompanyEntity> {
    const company = GUID.test(id)
      ? await this.dataSource.getRepository(BcCompanyEntity).findOne({ where: { id: id.toLowerCase() } })
      : null;
    if (!company) throw new BcError(404, 'BadRequest_NotFound', `The company '${id}' does not exist.`);
    return company;
  }

  setOrThrow(name: string): BcEntitySetDef {
    const def = bcEntitySet(name);
    if (!def) throw new BcError(404, 'BadRequest_NotFound', `Resource not found for the segment '${name}'.`);
    return def;
  }

  async count(): Promise<number> {
    return this.repo().count();
  }

  async find(companyId: string, set: string, id: string, manager?: EntityManager): Promise<BcRecordEntity | null> {
    if (!GUID.test(id)) return null;
    return this.repo(manager).findOne({ where: { companyId, entitySet: set, id: id.toLowerCase() } });
  }

  async findOrThrow(
    companyId: string,
    def: BcEntitySetDef,
    id: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<BcRecordEntity> {
    let found: BcRecordEntity | null = null;
    if (GUID.test(id)) {
      const qb = this.repo(manager)
        .createQueryBuilder('r')
        .where('r.companyId = :companyId AND r.entitySet = :set AND r.id = :id', {
          companyId,
          set: def.name,
          id: id.toLowerCase(),
        });
      if (lock) qb.setLock('pessimistic_write');
      found = await qb.getOne();
    }
    if (!found)
      throw new BcError(
        404,
        'Internal_RecordNotFound',
        `The ${def.label} does not exist. Identification fields and values: Id='${id}'`,
      );
    return found;
  }

  /** Every record of a set (or a document's lines) matching the OData options, and the total before $top/$skip. */
  async list(companyId: string, def: BcEntitySetDef, query: BcListQuery, parentId?: string): Promise<BcRecordEntity[]> {
    const rows = await this.repo().find({
      where: { companyId, entitySet: def.name, ...(parentId ? { parentId } : {}) },
      order: { lastModified: 'ASC', id: 'ASC' },
    });
    let out = rows;
    if (query.filter) {
      try {
        const predicate = compileODataFilter(parseODataFilter(query.filter), fieldTypes(def));
        out = out.filter((r) => predicate(this.flat(r)));
      } catch (error) {
        if (error instanceof ODataFilterError) throw new BcError(400, 'BadRequest_InvalidFilter', error.message);
        throw error;
      }
    }
    if (query.orderby) {
      const [field, dir] = query.orderby.trim().split(/\s+/);
      if (!def.fields.some((fd) => fd.name === field))
        throw new BcError(400, 'BadRequest_PropertyNotFound', `Could not find a property named '${field}'.`);
      const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
      out = [...out].sort((a, b) => {
        const x = this.flat(a)[field] as string | number | null;
        const y = this.flat(b)[field] as string | number | null;
        if (x === y) return 0;
        if (x === null || x === undefined) return -sign;
        if (y === null || y === undefined) return sign;
        return (x < y ? -1 : 1) * sign;
      });
    } else if (def.lines === undefined && def.name.endsWith('Lines')) {
      out = [...out].sort((a, b) => Number(a.fields.sequence) - Number(b.fields.sequence));
    }
    const skip = query.skip ?? 0;
    return out.slice(skip, query.top !== undefined ? skip + query.top : undefined);
  }

  /** The record as stored plus id and modification time. */
  flat(record: BcRecordEntity): Record<string, unknown> {
    const def = this.setOrThrow(record.entitySet);
    return {
      ...record.fields,
      id: record.id,
      [def.modifiedField ?? 'lastModifiedDateTime']: record.lastModified.toISOString(),
    };
  }

  /** JSON of one entity (with `@odata.etag`), restricted to `$select` when given. */
  render(record: BcRecordEntity, select?: string[]): Record<string, unknown> {
    const def = this.setOrThrow(record.entitySet);
    const flat = this.flat(record);
    const out: Record<string, unknown> = { '@odata.etag': etagOf(record) };
    for (const fd of def.fields) {
      if (select && !select.includes(fd.name)) continue;
      out[fd.name] = flat[fd.name] ?? null;
    }
    return out;
  }

  async create(
    companyId: string,
    def: BcEntitySetDef,
    body: unknown,
    opts: { parentId?: string; manager?: EntityManager; now?: Date } = {},
  ): Promise<BcRecordEntity> {
    const run = async (manager: EntityManager) => {
      const changes: BcChange[] = [];
      const record = await this.insert(companyId, def, body, manager, opts.now ?? new Date(), changes, opts.parentId);
      return { record, changes };
    };
    if (opts.manager) return (await run(opts.manager)).record;
    const { record, changes } = await this.transaction(run);
    this.emit(changes);
    return record;
  }

  private async insert(
    companyId: string,
    def: BcEntitySetDef,
    body: unknown,
    manager: EntityManager,
    now: Date,
    changes: BcChange[],
    parentId?: string,
  ): Promise<BcRecordEntity> {
    if (!isObject(body)) throw new BcError(400, 'BadRequest', 'The request body must be a JSON object.');
    const lines = def.lines ? body[def.lines] : undefined;
    const rest = { ...body };
    if (def.lines) delete rest[def.lines];
    const fields = await this.convert(companyId, def, rest, manager, true);
    for (const fd of def.fields)
      if (fields[fd.name] === undefined && fd.default !== undefined && !fd.readOnly) fields[fd.name] = fd.default;
    if (def.numberSeries && !fields.number) fields.number = await this.nextNumber(companyId, def, manager);
    if (fields.number !== undefined) {
      const clash = await this.repo(manager)
        .createQueryBuilder('r')
        .where("r.companyId = :companyId AND r.entitySet = :set AND r.fields->>'number' = :number", {
          companyId,
          set: def.name,
          number: fields.number,
        })
        .getExists();
      if (clash)
        throw new BcError(
          400,
          'Internal_EntityWithSameKeyExists',
          `The record already exists. Identification fields and values: No.='${String(fields.number)}'`,
        );
    }
    for (const fd of def.fields) {
      if (fd.required && (fields[fd.name] === undefined || fields[fd.name] === null || fields[fd.name] === '')) {
        throw new BcError(400, 'BadRequest_MissingRequiredField', `${fd.name} must have a value.`);
      }
    }
    const record = this.repo(manager).create({
      id: randomUUID(),
      companyId,
      entitySet: def.name,
      parentId: parentId ?? null,
      fields,
      version: 1,
      lastModified: now,
    });
    await this.derive(companyId, def, record, manager, parentId);
    await this.repo(manager).save(record);
    changes.push({ companyId, entitySet: def.name, id: record.id, changeType: 'created', at: now });
    if (def.lines && lines !== undefined) {
      if (!Array.isArray(lines)) throw new BcError(400, 'BadRequest', `${def.lines} must be an array.`);
      const lineDef = this.setOrThrow(def.lines);
      for (const line of lines) await this.insert(companyId, lineDef, line, manager, now, changes, record.id);
      await this.recomputeDocument(companyId, def, record, manager);
    }
    if (parentId) await this.touchParent(companyId, parentId, manager, now, changes);
    return record;
  }

  async update(
    companyId: string,
    def: BcEntitySetDef,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
  ): Promise<BcRecordEntity> {
    if (!ifMatch)
      throw new BcError(
        400,
        'Request_InvalidIfMatchHeader',
        'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
      );
    const { record, changes } = await this.transaction(async (manager) => {
      const found = await this.findOrThrow(companyId, def, id, manager, true);
      if (ifMatch !== '*' && ifMatch !== etagOf(found))
        throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
      this.assertEditable(def, found);
      const changes: BcChange[] = [];
      const fields = await this.convert(companyId, def, body, manager, false);
      found.fields = { ...found.fields, ...fields };
      found.version += 1;
      found.lastModified = new Date();
      await this.derive(companyId, def, found, manager, found.parentId ?? undefined);
      await this.repo(manager).save(found);
      changes.push({ companyId, entitySet: def.name, id: found.id, changeType: 'updated', at: found.lastModified });
      if (found.parentId) await this.touchParent(companyId, found.parentId, manager, found.lastModified, changes);
      return { record: found, changes };
    });
    this.emit(changes);
    return record;
  }

  async remove(companyId: string, def: BcEntitySetDef, id: string, ifMatch: string | undefined): Promise<void> {
    const changes = await this.transaction(async (manager) => {
      const found = await this.findOrThrow(companyId, def, id, manager, true);
      if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(found))
        throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
      this.assertEditable(def, found);
      const table = manager.connection.getMetadata(BcRecordEntity).tablePath;
      const refs = (await manager.query(
        `SELECT 1 FROM ${table} WHERE company_id = $1 AND id <> $2 AND parent_id IS DISTINCT FROM $2 AND jsonb_path_exists(fields, '$.* ? (@ == $v)', jsonb_build_object('v', $2::text)) LIMIT 1`,
        [companyId, found.id],
      )) as unknown[];
      if (refs.length > 0)
        throw new BcError(
          400,
          'Internal_RecordInUse',
          `You cannot delete this ${def.label} because there are outstanding entries for it.`,
        );
      await this.repo(manager).delete({ parentId: found.id });
      await this.repo(manager).delete({ id: found.id });
      const at = new Date();
      const changes: BcChange[] = [{ companyId, entitySet: def.name, id: found.id, changeType: 'deleted', at }];
      if (found.parentId) await this.touchParent(companyId, found.parentId, manager, at, changes);
      return changes;
    });
    this.emit(changes);
  }

  /** Bound actions: `Microsoft.NAV.post`, `send`, `postAndSend`, `cancel` on sales invoices and credit memos. */
  async action(companyId: string, def: BcEntitySetDef, id: string, action: string): Promise<void> {
    if (def.name !== 'salesInvoices' && def.name !== 'salesCreditMemos')
      throw new BcError(400, 'BadRequest_MethodNotFound', `Action ${action} is not bound to ${def.name}.`);
    const changes = await this.transaction(async (manager) => {
      const doc = await this.findOrThrow(companyId, def, id, manager, true);
      const status = doc.fields.status;
      const today = new Date().toISOString().slice(0, 10);
      switch (action) {
        case 'post':
        case 'postAndSend':
          if (status !== 'Draft')
            throw new BcError(400, 'Application_InvalidStatus', `The ${def.label} has already been posted.`);
          if ((await this.repo(manager).count({ where: { parentId: doc.id } })) === 0)
            throw new BcError(400, 'Application_NothingToPost', 'There is nothing to post.');
          doc.fields = { ...doc.fields, status: 'Open', postingDate: doc.fields.postingDate ?? today };
          break;
        case 'send':
          if (status === 'Draft')
            throw new BcError(400, 'Application_InvalidStatus', `Post the ${def.label} before sending it.`);
          break;
        case 'cancel':
          if (status !== 'Open' && status !== 'Paid')
            throw new BcError(400, 'Application_InvalidStatus', `Only a posted ${def.label} can be cancelled.`);
          doc.fields = { ...doc.fields, status: 'Canceled', remainingAmount: 0 };
          break;
        default:
          throw new BcError(400, 'BadRequest_MethodNotFound', `Unknown action Microsoft.NAV.${action}.`);
      }
      doc.version += 1;
      doc.lastModified = new Date();
      await this.repo(manager).save(doc);
      return [{ companyId, entitySet: def.name, id: doc.id, changeType: 'updated' as const, at: doc.lastModified }];
    });
    this.emit(changes);
  }

  /** Test control: a customer payment applied to a posted invoice. */
  async pay(companyId: string, invoiceId: string, amount: number): Promise<BcRecordEntity> {
    const def = this.setOrThrow('salesInvoices');
    const { doc, changes } = await this.transaction(async (manager) => {
      const doc = await this.findOrThrow(companyId, def, invoiceId, manager, true);
      if (doc.fields.status !== 'Open')
        throw new BcError(400, 'Application_InvalidStatus', 'Only an open (posted) invoice can be paid.');
      const remaining = round2(Math.max(0, Number(doc.fields.remainingAmount ?? 0) - amount));
      doc.fields = { ...doc.fields, remainingAmount: remaining, status: remaining === 0 ? 'Paid' : 'Open' };
      doc.version += 1;
      doc.lastModified = new Date();
      await this.repo(manager).save(doc);
      return {
        doc,
        changes: [{ companyId, entitySet: def.name, id: doc.id, changeType: 'updated' as const, at: doc.lastModified }],
      };
    });
    this.emit(changes);
    return doc;
  }

  private emit(changes: BcChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }

  private assertEditable(def: BcEntitySetDef, record: BcRecordEntity): void {
    if (def.lines && record.fields.status !== undefined && record.fields.status !== 'Draft') {
      throw new BcError(400, 'Application_InvalidStatus', `You cannot change a posted ${def.label}.`);
    }
  }

  private async nextNumber(companyId: string, def: BcEntitySetDef, manager: EntityManager): Promise<string> {
    const table = manager.connection.getMetadata(BcNumberSeriesEntity).tablePath;
    const rows = (await manager.query(
      `INSERT INTO ${table} (company_id, series, last_value) VALUES ($1, $2, $3)
       ON CONFLICT (company_id, series) DO UPDATE SET last_value = ${table}.last_value + 1 RETURNING last_value`,
      [companyId, def.name, def.numberSeries!.start],
    )) as Array<{ last_value: number }>;
    return `${def.numberSeries!.prefix}${rows[0].last_value}`;
  }

  /** Validates the body against the set's fields (unknown and read-only fields are refused). */
  private async convert(
    companyId: string,
    def: BcEntitySetDef,
    body: unknown,
    manager: EntityManager,
    creating: boolean,
  ): Promise<Record<string, unknown>> {
    if (!isObject(body)) throw new BcError(400, 'BadRequest', 'The request body must be a JSON object.');
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key.startsWith('@odata.')) continue;
      const fd = def.fields.find((x) => x.name === key);
      if (!fd)
        throw new BcError(
          400,
          'BadRequest_PropertyNotFound',
          `The property '${key}' does not exist on type 'Microsoft.NAV.${def.label.replace(/ /g, '')}'. Make sure to only use property names that are defined by the type.`,
        );
      if (fd.readOnly || (fd.name === 'number' && def.numberSeries?.readOnly)) {
        throw new BcError(400, 'BadRequest_InvalidToken', `The property '${key}' is read-only.`);
      }
      out[fd.name] = await this.value(companyId, def, fd, value, manager);
    }
    void creating;
    return out;
  }

  private async value(
    companyId: string,
    def: BcEntitySetDef,
    fd: BcFieldDef,
    value: unknown,
    manager: EntityManager,
  ): Promise<unknown> {
    if (value === null) return null;
    const bad = (expected: string) =>
      new BcError(
        400,
        'BadRequest',
        `Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${expected}' (${fd.name}).`,
      );
    switch (fd.type) {
      case 'string':
        if (typeof value !== 'string') throw bad('Edm.String');
        return value;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('Edm.Decimal');
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') throw bad('Edm.Boolean');
        return value;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
          throw bad('Edm.Date');
        return value;
      case 'datetime':
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad('Edm.DateTimeOffset');
        return new Date(value).toISOString();
      case 'guid': {
        if (typeof value !== 'string' || !GUID.test(value)) throw bad('Edm.Guid');
        const id = value.toLowerCase();
        if (fd.ref && !(await this.find(companyId, fd.ref, id, manager))) {
          const target = BC_ENTITY_SETS.find((s) => s.name === fd.ref)!;
          throw new BcError(
            400,
            'Internal_RecordNotFound',
            `The ${target.label} does not exist. Identification fields and values: Id='${id}' (${fd.name} on ${def.label}).`,
          );
        }
        return id;
      }
      default:
        return value;
    }
  }

  /** Denormalised and derived fields: names, numbers behind ids, line amounts, sequences. */
  private async derive(
    companyId: string,
    def: BcEntitySetDef,
    record: BcRecordEntity,
    manager: EntityManager,
    parentId?: string,
  ): Promise<void> {
    const f = record.fields;
    switch (def.name) {
      case 'employees':
        f.displayName = `${String(f.givenName ?? '')} ${String(f.surname ?? '')}`.trim();
        break;
      case 'timeRegistrationEntries': {
        const employee = await this.find(companyId, 'employees', String(f.employeeId), manager);
        f.employeeNumber = employee?.fields.number ?? '';
        const job = f.jobId ? await this.find(companyId, 'projects', String(f.jobId), manager) : null;
        f.jobNumber = job?.fields.number ?? '';
        f.status ??= 'Open';
        f.lineNumber ??= 10000;
        break;
      }
      case 'salesInvoices':
      case 'salesCreditMemos': {
        let customer = f.customerId ? await this.find(companyId, 'customers', String(f.customerId), manager) : null;
        if (!customer && typeof f.customerNumber === 'string' && f.customerNumber !== '') {
          customer = await this.repo(manager)
            .createQueryBuilder('r')
            .where("r.companyId = :companyId AND r.entitySet = 'customers' AND r.fields->>'number' = :number", {
              companyId,
              number: f.customerNumber,
            })
            .getOne();
          if (!customer)
            throw new BcError(
              400,
              'Internal_RecordNotFound',
              `The Customer does not exist. Identification fields and values: No.='${f.customerNumber}'`,
            );
        }
        if (!customer)
          throw new BcError(400, 'BadRequest_MissingRequiredField', 'customerId or customerNumber must have a value.');
        f.customerId = customer.id;
        f.customerNumber = customer.fields.number;
        f.customerName = customer.fields.displayName;
        f.currencyCode = customer.fields.currencyCode ?? '';
        f.status ??= 'Draft';
        f.pricesIncludeTax = false;
        const dateField = def.name === 'salesInvoices' ? 'invoiceDate' : 'creditMemoDate';
        f[dateField] ??= record.lastModified.toISOString().slice(0, 10);
        f.dueDate ??= f[dateField];
        f.totalAmountExcludingTax ??= 0;
        f.totalTaxAmount ??= 0;
        f.totalAmountIncludingTax ??= 0;
        if (def.name === 'salesInvoices') f.remainingAmount ??= 0;
        break;
      }
      case 'salesInvoiceLines':
      case 'salesCreditMemoLines': {
        if (!parentId) throw new BcError(400, 'BadRequest', 'Lines are created under their document.');
        record.fields.documentId = parentId;
        if (f.sequence === undefined) {
          const count = await this.repo(manager).count({ where: { parentId } });
          f.sequence = (count + 1) * 10000;
        }
        if (f.lineType === 'Item') {
          let item = f.itemId ? await this.find(companyId, 'items', String(f.itemId), manager) : null;
          if (!item && f.lineObjectNumber) {
            item = await this.repo(manager)
              .createQueryBuilder('r')
              .where("r.companyId = :companyId AND r.entitySet = 'items' AND r.fields->>'number' = :number", {
                companyId,
                number: f.lineObjectNumber,
              })
              .getOne();
            if (!item)
              throw new BcError(
                400,
                'Internal_RecordNotFound',
                `The Item does not exist. Identification fields and values: No.='${String(f.lineObjectNumber)}'`,
              );
          }
          if (!item)
            throw new BcError(
              400,
              'BadRequest_MissingRequiredField',
              'itemId or lineObjectNumber must have a value for an Item line.',
            );
          f.itemId = item.id;
          f.lineObjectNumber = item.fields.number;
          f.description ??= item.fields.displayName;
        }
        f.amountExcludingTax = round2(Number(f.quantity ?? 0) * Number(f.unitPrice ?? 0));
        f.totalTaxAmount = 0;
        f.amountIncludingTax = f.amountExcludingTax;
        break;
      }
      default:
        break;
    }
  }

  private async recomputeDocument(
    companyId: string,
    def: BcEntitySetDef,
    doc: BcRecordEntity,
    manager: EntityManager,
  ): Promise<void> {
    const lines = await this.repo(manager).find({ where: { parentId: doc.id } });
    const total = round2(lines.reduce((s, l) => s + Number(l.fields.amountExcludingTax ?? 0), 0));
    doc.fields = { ...doc.fields, totalAmountExcludingTax: total, totalTaxAmount: 0, totalAmountIncludingTax: total };
    if (def.name === 'salesInvoices') doc.fields.remainingAmount = total;
    await this.repo(manager).save(doc);
  }

  private async touchParent(
    companyId: string,
    parentId: string,
    manager: EntityManager,
    at: Date,
    changes: BcChange[],
  ): Promise<void> {
    const doc = await this.repo(manager).findOne({ where: { id: parentId } });
    if (!doc) return;
    const def = this.setOrThrow(doc.entitySet);
    if (doc.fields.status !== 'Draft')
      throw new BcError(400, 'Application_InvalidStatus', `You cannot change the lines of a posted ${def.label}.`);
    doc.version += 1;
    doc.lastModified = at;
    await this.recomputeDocument(companyId, def, doc, manager);
    changes.push({ companyId, entitySet: doc.entitySet, id: doc.id, changeType: 'updated', at });
  }
}
